global using System.Collections.Immutable;
global using MicroTvm.Frontend.Onnx.Proto;
global using MicroTvm.IR;
global using Attribute = MicroTvm.IR.Attribute;
