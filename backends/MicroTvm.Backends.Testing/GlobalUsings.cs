global using System.Collections.Immutable;
global using MicroTvm.IR;
