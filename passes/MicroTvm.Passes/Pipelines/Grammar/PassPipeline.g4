// The .pass pipeline language. A file holds includes and named pipelines; a pipeline is a
// sequence of steps: pass invocations with options, references to other pipelines (with
// arguments for their parameters), and nested sub-pipelines run on every unit of an anchor.
grammar PassPipeline;

file      : (include | pipeline)* EOF ;
include   : INCLUDE STRING ;
pipeline  : PIPELINE name=IDENT parameters? block ;
parameters: '(' (parameter (',' parameter)* ','?)? ')' ;
parameter : IDENT ('=' value)? ;
block     : '{' (step ','?)* '}' ;
step      : EACH anchor=IDENT block   # nestedStep
          | IDENT optionList?          # passStep
          ;
optionList: '{' (optionAssignment (',' optionAssignment)* ','?)? '}' ;
optionAssignment : IDENT '=' value ;
value     : INTEGER                   # integerValue
          | FLOAT                     # floatValue
          | BYTE_SIZE                 # byteSizeValue
          | (TRUE | FALSE)            # boolValue
          | STRING                    # stringValue
          | IDENT                     # identifierValue
          | '$' IDENT                 # parameterValue
          | '[' (value (',' value)* ','?)? ']' # listValue
          ;

// Entry points for the command line (-D name=value, --pass-option pass.option=value) and for
// inline pipelines (--pass-pipeline 'a, b { x = 1 }').
standaloneValue : value EOF ;
standaloneSteps : (step ','?)* EOF ;

INCLUDE   : 'include' ;
PIPELINE  : 'pipeline' ;
EACH      : 'each' ;
TRUE      : 'true' ;
FALSE     : 'false' ;
BYTE_SIZE : [0-9]+ [BKMG] ;
FLOAT     : '-'? [0-9]+ '.' [0-9]+ EXPONENT? | '-'? [0-9]+ EXPONENT ;
INTEGER   : '-'? [0-9]+ ;
IDENT     : [a-zA-Z_] [a-zA-Z0-9_]* ('-' [a-zA-Z0-9_]+)* ;
STRING    : '"' (~["\\\r\n] | '\\' ["\\nt])* '"' ;
LINE_COMMENT  : ('//' | '#') ~[\r\n]* -> skip ;
BLOCK_COMMENT : '/*' .*? '*/' -> skip ;
WS        : [ \t\r\n]+ -> skip ;
fragment EXPONENT : [eE] [+-]? [0-9]+ ;
// Anything else becomes one token so that the parser reports it with a position.
UNEXPECTED : . ;
