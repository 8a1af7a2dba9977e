// Tokens of the .mir text format (docs/text-format.md). The lexer never fails: error tokens
// (UNTERMINATED_STRING, UNKNOWN_CHARACTER) are reported by LexicalErrors with a precise message.
// A stray character goes to the hidden channel so that the statement around it still parses.
lexer grammar MirLexer;

// The generated classes carry [CLSCompliant(false)] although the assembly declares no compliance.
@header {#pragma warning disable 3021}

LINE_COMMENT : '//' ~[\r\n]* -> skip;
WHITESPACE : [ \t\r\n]+ -> skip;

MODULE : 'module';
GRAPH : 'graph';
ATTRIBUTES : 'attributes';
RETURN : 'return';
TENSOR : 'tensor';
DENSE : 'dense';
Q : 'q';
AXIS : 'axis';
TRUE : 'true';
FALSE : 'false';
INF : 'inf';
NEG_INF : '-inf';
NAN : 'nan' ('(0x' HEX_DIGIT+ ')')?;
ABSENT : '_';

// Kernel IR (docs/text-format.md, "Kernels"). Everywhere a name will do, these are names too.
KERNEL : 'kernel';
IN : 'in';
OUT : 'out';
CONST : 'const';
WORKSPACE : 'workspace';
ALIGN : 'align';
FOR : 'for';
UNROLL : 'unroll';
VAR : 'var';
IF : 'if';
ELSE : 'else';
CAST : 'cast';
SATURATE : 'saturate';

LPAREN : '(';
RPAREN : ')';
LBRACE : '{';
RBRACE : '}';
LBRACKET : '[';
RBRACKET : ']';
LT : '<';
GT : '>';
COMMA : ',';
COLON : ':';
EQUALS : '=';

// Kernel operators. '>>' is two GT tokens (a nested type ends in '>>'); the parser checks that
// they touch.
EQEQ : '==';
NE : '!=';
LE : '<=';
GE : '>=';
SHL : '<<';
ANDAND : '&&';
OROR : '||';
NOT : '!';
PLUS : '+';
MINUS : '-';
STAR : '*';
SLASH : '/';
PERCENT : '%';
AMP : '&';
PIPE : '|';
CARET : '^';

DIMS : (DIGIT+ 'x')+;
// A loop range, one token so that '0.' does not read as a float.
RANGE : DIGIT+ '..' DIGIT+;
FLOAT : '-'? DIGIT+ '.' DIGIT* EXPONENT? | '-'? DIGIT+ EXPONENT;
INT : '-'? DIGIT+;
VALUE_NAME : '%' (BARE_NAME | QUOTED);
GRAPH_NAME : '@' (BARE_NAME | QUOTED);
IDENT : [A-Za-z_] [A-Za-z0-9_.$]*;
STRING : QUOTED;

UNTERMINATED_STRING : [%@]? '"' (~["\\\r\n] | '\\' ~[\r\n])*;
UNKNOWN_CHARACTER : . -> channel(HIDDEN);

fragment DIGIT : [0-9];
fragment HEX_DIGIT : [0-9a-fA-F];
fragment EXPONENT : [eE] [+-]? DIGIT+;
fragment BARE_NAME : [A-Za-z0-9_.$-]+;
fragment QUOTED : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"';
