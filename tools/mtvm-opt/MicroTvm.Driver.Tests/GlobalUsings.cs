global using System.Collections.Immutable;
global using MicroTvm.IR;
global using MicroTvm.Passes;
