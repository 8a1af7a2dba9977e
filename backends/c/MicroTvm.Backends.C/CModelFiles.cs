namespace MicroTvm.Backends.C;

/// <summary>The C code of one model: <c>include/&lt;HeaderName&gt;</c> and <c>src/&lt;SourceName&gt;</c> in the Model Library Format.</summary>
public sealed record CModelFiles(string CName, string HeaderName, string Header, string SourceName, string Source);
