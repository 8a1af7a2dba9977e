// Syntax of the .mir text format (docs/text-format.md). Only syntax lives here; ModuleBuilder
// resolves ops, element types and attribute kinds and reports those errors.
parser grammar MirParser;

options { tokenVocab = MirLexer; }

// The generated classes carry [CLSCompliant(false)] although the assembly declares no compliance.
@header {#pragma warning disable 3021}

module : moduleHeader? graph* EOF;

moduleHeader : MODULE attributeDictionary;

graph
    : GRAPH GRAPH_NAME LPAREN (parameter (COMMA parameter)*)? RPAREN
      (ATTRIBUTES attributeDictionary)? LBRACE statement* returnStatement RBRACE
    ;

parameter : VALUE_NAME COLON tensorType;

statement
    : (VALUE_NAME (COMMA VALUE_NAME)* EQUALS)? IDENT (LPAREN (operand (COMMA operand)*)? RPAREN)?
      attributeDictionary? (COLON tensorType (COMMA tensorType)*)?
    ;

operand : VALUE_NAME | ABSENT;

returnStatement : RETURN (VALUE_NAME (COMMA VALUE_NAME)*)?;

attributeDictionary : LBRACE (attributeEntry (COMMA attributeEntry)*)? RBRACE;

attributeEntry : attributeKey EQUALS attributeValue;

attributeKey
    : IDENT | STRING | MODULE | GRAPH | ATTRIBUTES | RETURN | TENSOR | DENSE | Q | AXIS
    | TRUE | FALSE | INF | NAN
    ;

attributeValue
    : INT                                                       # intValue
    | floatLiteral                                              # floatValue
    | (TRUE | FALSE)                                            # boolValue
    | STRING                                                    # stringValue
    | LBRACKET (scalarLiteral (COMMA scalarLiteral)*)? RBRACKET # listValue
    | DENSE LT tensorType COMMA denseContents GT                # denseValue
    ;

denseContents
    : STRING                                                    # denseHex
    | LBRACKET (scalarLiteral (COMMA scalarLiteral)*)? RBRACKET # denseList
    ;

scalarLiteral : INT | floatLiteral | TRUE | FALSE;

floatLiteral : FLOAT | INF | NEG_INF | NAN;

tensorType : TENSOR LT DIMS? IDENT (COMMA quantization)? GT;

quantization
    : Q LT scaleAndZeroPoint GT                                                           # perTensor
    | Q LT AXIS EQUALS INT COMMA LBRACKET (scaleAndZeroPoint (COMMA scaleAndZeroPoint)*)? RBRACKET GT # perAxis
    ;

scaleAndZeroPoint : (INT | floatLiteral) COLON INT;
