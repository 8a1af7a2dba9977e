namespace MicroTvm.Driver;

/// <summary>Reads an input file with the importer its extension selects.</summary>
internal static class ModuleInput
{
    public static Module? Import(DriverConfiguration configuration, string path, DiagnosticPrinter diagnostics)
    {
        var (importer, bytes) = Read(configuration, path, diagnostics);
        var result = importer.Import(bytes, path);
        return diagnostics.Print(result.Diagnostics) ? null : result.Module;
    }

    public static SupportReport ReportSupport(DriverConfiguration configuration, string path, DiagnosticPrinter diagnostics)
    {
        var (importer, bytes) = Read(configuration, path, diagnostics);
        return importer.ReportSupport(bytes, path);
    }

    private static (IModuleImporter Importer, byte[] Bytes) Read(DriverConfiguration configuration, string path, DiagnosticPrinter diagnostics)
    {
        var importer = configuration.FindImporter(path)
            ?? throw new UsageException($"'{path}': no importer for '{Path.GetExtension(path)}' files (known: {string.Join(", ", configuration.Importers.SelectMany(i => i.Extensions))})");
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read '{path}': {e.Message}");
        }

        if (importer is MirImporter)
        {
            diagnostics.AddSource(path, System.Text.Encoding.UTF8.GetString(bytes));
        }

        return (importer, bytes);
    }
}
