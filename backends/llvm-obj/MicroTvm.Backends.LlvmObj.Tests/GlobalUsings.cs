global using System.Collections.Immutable;
global using MicroTvm.Backends.Testing;
global using MicroTvm.IR;
