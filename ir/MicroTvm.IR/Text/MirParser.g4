// Syntax of the .mir text format (docs/text-format.md). Only syntax lives here; ModuleBuilder
// resolves ops, element types and attribute kinds and reports those errors.
parser grammar MirParser;

options { tokenVocab = MirLexer; }

// The generated classes carry [CLSCompliant(false)] although the assembly declares no compliance.
@header {#pragma warning disable 3021}

module : moduleHeader? (graph | kernel | memoryPlan)* EOF;

moduleHeader : MODULE attributeDictionary;

graph
    : GRAPH GRAPH_NAME LPAREN (parameter (COMMA parameter)*)? RPAREN
      (ATTRIBUTES attributeDictionary)? LBRACE statement* returnStatement RBRACE
    ;

parameter : VALUE_NAME COLON tensorType;

statement
    : (VALUE_NAME (COMMA VALUE_NAME)* EQUALS)? opName (LPAREN (operand (COMMA operand)*)? RPAREN)?
      attributeDictionary? (COLON tensorType (COMMA tensorType)*)?
    ;

opName : IDENT | CAST | SATURATE | kernelKeyword;

operand : VALUE_NAME | ABSENT;

returnStatement : RETURN (VALUE_NAME (COMMA VALUE_NAME)*)?;

attributeDictionary : LBRACE (attributeEntry (COMMA attributeEntry)*)? RBRACE;

attributeEntry : attributeKey EQUALS attributeValue;

attributeKey
    : IDENT | STRING | MODULE | GRAPH | ATTRIBUTES | RETURN | TENSOR | DENSE | Q | AXIS
    | TRUE | FALSE | INF | NAN | CAST | SATURATE | kernelKeyword
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

// The memory plan (docs/text-format.md, "Memory plan"). Its keywords (memory_plan, pool) are
// IDENTs that ModuleBuilder checks, so that they stay usable as names everywhere else.

memoryPlan : IDENT attributeDictionary? LBRACE memoryPool* bufferPlacement* RBRACE;

memoryPool : IDENT GRAPH_NAME attributeDictionary;

bufferPlacement : VALUE_NAME (WORKSPACE kernelName)? EQUALS GRAPH_NAME LBRACKET INT RBRACKET;

// Kernels (docs/text-format.md, "Kernels"; the text KernelPrinter writes). KernelBuilder
// resolves names, element types and intrinsics and runs the kernel verifier.

kernel : KERNEL GRAPH_NAME LPAREN (bufferParameter (COMMA bufferParameter)*)? RPAREN kernelBody;

bufferParameter : role=(IN | OUT | CONST | WORKSPACE) kernelName COLON IDENT LBRACKET INT RBRACKET (ALIGN INT)?;

kernelBody : LBRACE kernelStatement* RBRACE;

kernelStatement
    : FOR kernelName IN RANGE UNROLL? kernelBody                                # forStatement
    | VAR kernelName COLON IDENT EQUALS kernelExpression                        # declareStatement
    | IF kernelExpression kernelBody (ELSE kernelBody)?                         # ifStatement
    | kernelBody                                                                # blockStatement
    | kernelName LBRACKET kernelExpression RBRACKET EQUALS kernelExpression     # storeStatement
    | kernelName EQUALS kernelExpression                                        # assignStatement
    ;

// C's precedence levels, all left-associative; '!' binds tightest.
kernelExpression
    : kernelPrimary                                                 # primaryExpression
    | NOT kernelExpression                                          # notExpression
    | kernelExpression op=(STAR | SLASH | PERCENT) kernelExpression # binaryExpression
    | kernelExpression op=(PLUS | MINUS) kernelExpression           # binaryExpression
    | kernelExpression shiftOperator kernelExpression               # shiftExpression
    | kernelExpression op=(LT | LE | GT | GE) kernelExpression      # binaryExpression
    | kernelExpression op=(EQEQ | NE) kernelExpression              # binaryExpression
    | kernelExpression op=AMP kernelExpression                      # binaryExpression
    | kernelExpression op=CARET kernelExpression                    # binaryExpression
    | kernelExpression op=PIPE kernelExpression                     # binaryExpression
    | kernelExpression op=ANDAND kernelExpression                   # binaryExpression
    | kernelExpression op=OROR kernelExpression                     # binaryExpression
    ;

shiftOperator : SHL | GT GT;

kernelPrimary
    : INT (COLON IDENT)?                                                    # intImmediate
    | (TRUE | FALSE)                                                        # boolImmediate
    | floatLiteral                                                          # floatImmediate
    | conversion=(CAST | SATURATE) LT IDENT GT LPAREN kernelExpression RPAREN # conversionExpression
    | IDENT LPAREN (kernelExpression (COMMA kernelExpression)*)? RPAREN     # callExpression
    | kernelName LBRACKET kernelExpression RBRACKET                         # loadExpression
    | kernelName                                                            # variableExpression
    | LPAREN kernelExpression RPAREN                                        # parenthesisedExpression
    ;

// A buffer or variable name: bare, or quoted when it is not an identifier or would read as a
// literal or a conversion (true, false, inf, nan, cast, saturate).
kernelName
    : IDENT | STRING | MODULE | GRAPH | ATTRIBUTES | RETURN | TENSOR | DENSE | Q | AXIS | kernelKeyword
    ;

kernelKeyword : KERNEL | IN | OUT | CONST | WORKSPACE | ALIGN | FOR | UNROLL | VAR | IF | ELSE;
