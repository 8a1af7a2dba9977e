using MicroTvm.IR.Testing;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Xml.Linq;

namespace MicroTvm.Conformance.Tests.Architecture;

/// <summary>
/// Dependencies point down the layer table of DESIGN.md only. Checked on the project files (what
/// each project may reference) and on the built assemblies (what each one really references).
/// </summary>
public sealed class LayeringTests
{
    private static readonly Dictionary<string, string[]> AllowedReferences = new()
    {
        ["MicroTvm.IR"] = [],
        ["MicroTvm.Frontend.TFLite"] = ["MicroTvm.IR"],
        ["MicroTvm.Frontend.Onnx"] = ["MicroTvm.IR"],
        ["MicroTvm.Passes"] = ["MicroTvm.IR"],
        ["MicroTvm.Backends.C"] = ["MicroTvm.IR", "MicroTvm.Passes"],
        // The LLVM backend names its symbols by the C backend's naming rule (CModelNames) and is
        // described by the C backend's header, so it sits beside and above the C backend.
        ["MicroTvm.Backends.LlvmObj"] = ["MicroTvm.IR", "MicroTvm.Passes", "MicroTvm.Backends.C"],
        ["MicroTvm.Driver"] =
        [
            "MicroTvm.IR", "MicroTvm.Passes", "MicroTvm.Frontend.TFLite", "MicroTvm.Frontend.Onnx",
            "MicroTvm.Backends.C", "MicroTvm.Backends.LlvmObj",
        ],
        ["mtvm-opt"] = ["MicroTvm.Driver"],
    };

    public static TheoryData<string> Projects()
    {
        var data = new TheoryData<string>();
        foreach (var project in Directory.EnumerateFiles(TestEnvironment.RepoRoot, "*.csproj", SearchOption.AllDirectories)
                     .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
                     .Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(TestEnvironment.RepoRoot, project));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void ProjectReferencesPointDownTheLayerTable(string relativePath)
    {
        var name = Path.GetFileNameWithoutExtension(relativePath);
        var references = XDocument.Load(Path.Combine(TestEnvironment.RepoRoot, relativePath))
            .Descendants("ProjectReference")
            .Where(reference => reference.Attribute("ReferenceOutputAssembly")?.Value != "false")
            .Select(reference => Path.GetFileNameWithoutExtension(reference.Attribute("Include")!.Value))
            .ToArray();
        var allowed = AllowedFor(name);
        var forbidden = references.Where(reference => !allowed.Contains(reference)).ToArray();
        Assert.True(
            forbidden.Length == 0,
            $"{relativePath} references {string.Join(", ", forbidden)}; its layer may use only: {string.Join(", ", allowed.DefaultIfEmpty("nothing of ours"))}");
    }

    [Fact]
    public void BuiltAssembliesReferenceOnlyLowerLayers()
    {
        foreach (var assembly in LoadedLayerAssemblies())
        {
            var name = assembly.GetName().Name!;
            var ours = assembly.GetReferencedAssemblies()
                .Select(reference => reference.Name!)
                .Where(IsOurs)
                .ToArray();
            var forbidden = ours.Except(AllowedReferences[name]).ToArray();
            Assert.True(forbidden.Length == 0, $"{name} references {string.Join(", ", forbidden)}");
        }
    }

    [Fact]
    public void InternalsAreVisibleOnlyToTheMatchingTestAssembly()
    {
        foreach (var assembly in LoadedLayerAssemblies())
        {
            var name = assembly.GetName().Name!;
            var friends = assembly.GetCustomAttributes<InternalsVisibleToAttribute>().Select(a => a.AssemblyName).ToArray();
            // Both frontends share one test project.
            var testAssembly = name.StartsWith("MicroTvm.Frontend.", StringComparison.Ordinal) ? "MicroTvm.Frontend.Tests" : $"{name}.Tests";
            Assert.All(friends, friend => Assert.True(
                friend == $"{name}.Tests" || friend == testAssembly,
                $"{name} shows its internals to {friend}; only its own test assembly may see them"));
        }
    }

    private static IEnumerable<Assembly> LoadedLayerAssemblies()
    {
        var directory = AppContext.BaseDirectory;
        foreach (var name in AllowedReferences.Keys.Where(name => name != "mtvm-opt"))
        {
            yield return Assembly.LoadFrom(Path.Combine(directory, name + ".dll"));
        }
    }

    private static bool IsOurs(string assemblyName) => AllowedReferences.ContainsKey(assemblyName);

    /// <summary>A layer's own rules; a test project may use its layer and whatever that layer may use;
    /// the conformance suite and tools sit on top of everything.</summary>
    private static string[] AllowedFor(string project)
    {
        if (AllowedReferences.TryGetValue(project, out var allowed))
        {
            return allowed;
        }

        if (project.StartsWith("MicroTvm.Conformance", StringComparison.Ordinal) || project.EndsWith(".Benchmarks", StringComparison.Ordinal))
        {
            return [.. AllowedReferences.Keys, "MicroTvm.IR.Testing", "MicroTvm.Conformance"];
        }

        if (project == "MicroTvm.IR.Testing")
        {
            return ["MicroTvm.IR"];
        }

        // Test support of the backends' tests: the C backend's header and the pipelines, on top of IR.Testing.
        if (project == "MicroTvm.Backends.Testing")
        {
            return ["MicroTvm.IR", "MicroTvm.Passes", "MicroTvm.Backends.C", "MicroTvm.IR.Testing"];
        }

        if (project.EndsWith(".Tests", StringComparison.Ordinal))
        {
            var layers = AllowedReferences.Keys.Where(layer => project.StartsWith(layer, StringComparison.Ordinal)).ToList();
            if (project == "MicroTvm.Frontend.Tests")
            {
                layers.AddRange(["MicroTvm.Frontend.TFLite", "MicroTvm.Frontend.Onnx"]);
            }

            return [.. layers.SelectMany(layer => AllowedReferences[layer].Append(layer))
                .Append(project[..^".Tests".Length]).Append("MicroTvm.IR.Testing")
                .Concat(project.StartsWith("MicroTvm.Backends.", StringComparison.Ordinal) ? ["MicroTvm.Backends.Testing"] : [])
                .Distinct()];
        }

        // Plugins and samples that extend the pass pipeline sit at the passes layer.
        return [.. AllowedReferences["MicroTvm.Passes"].Append("MicroTvm.Passes")];
    }
}
