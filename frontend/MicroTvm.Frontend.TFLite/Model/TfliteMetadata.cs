namespace MicroTvm.Frontend.TFLite.Model;

internal sealed record TfliteMetadata(string Name, uint Buffer);
