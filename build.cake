// MicroTvm build script (Cake). Targets:
//   Demo (default)  build mtvm-opt and compile the project's sample model to a Model Library Format archive (out/tiny_cnn.tar)
//   Build           build the whole solution
//   Test            every test: .NET test projects and the C runtime's CTest suite; prints the totals last
//   Conformance     only the conformance suite (emulated boards)
//   Bench           BenchmarkDotNet benchmarks of the compiler
//   Format          check formatting against .editorconfig

using System.Xml.Linq;

var target = Argument("target", "Demo");
var configuration = Argument("configuration", "Release");
var solution = File("./MicroTvm.sln");
var output = Directory("./out");
var testResults = output + Directory("test-results");
var mtvmOpt = "./tools/mtvm-opt/mtvm-opt/mtvm-opt.csproj";
var sampleModel = "./samples/tiny_cnn.tflite";
var sampleArchive = "./out/tiny_cnn.tar";

// Cake prints its task table when RunTarget returns, so the totals are printed after it.
TestTotals totals = null;
var failedProjects = new List<string>();

Task("Build")
    .Does(() =>
{
    DotNetBuild(solution, new DotNetBuildSettings { Configuration = configuration });
});

Task("Demo")
    .Does(() =>
{
    EnsureDirectoryExists(output);
    DotNetRun(mtvmOpt, new ProcessArgumentBuilder()
        .Append("--pipeline").AppendQuoted("pipelines/aot.pass")
        .AppendQuoted(sampleModel)
        .Append("-o").AppendQuoted(sampleArchive),
        new DotNetRunSettings { Configuration = configuration });
});

Task("Test")
    .IsDependentOn("Build")
    .Does(() =>
{
    CleanDirectory(testResults);
    foreach (var project in GetFiles("./**/*.Tests.csproj").OrderBy(p => p.FullPath))
    {
        try
        {
            DotNetTest(project.FullPath, TestSettings(null));
        }
        catch (Exception)
        {
            failedProjects.Add(project.GetFilenameWithoutExtension().ToString());
        }
    }

    totals = RuntimeCTest() + TrxTotals(testResults);
});

Task("Conformance")
    .IsDependentOn("Build")
    .Does(() =>
{
    CleanDirectory(testResults);
    try
    {
        DotNetTest("./conformance/MicroTvm.Conformance.Tests/MicroTvm.Conformance.Tests.csproj", TestSettings(null));
    }
    catch (Exception)
    {
        failedProjects.Add("MicroTvm.Conformance.Tests");
    }

    totals = TrxTotals(testResults);
});

Task("Bench")
    .Does(() =>
{
    DotNetRun("./tools/MicroTvm.Benchmarks/MicroTvm.Benchmarks.csproj",
        new ProcessArgumentBuilder().Append("--filter").AppendQuoted("*").Append("--artifacts").AppendQuoted(MakeAbsolute(output + Directory("bench")).FullPath),
        new DotNetRunSettings { Configuration = "Release" });
});

Task("Format")
    .Does(() =>
{
    var exit = StartProcess("dotnet", new ProcessSettings { Arguments = "format whitespace MicroTvm.sln --verify-no-changes --verbosity minimal" });
    if (exit != 0)
    {
        throw new Exception("formatting differs from .editorconfig: run 'dotnet format whitespace MicroTvm.sln'");
    }
});

RunTarget(target);

if (totals is not null)
{
    if (failedProjects.Count > 0)
    {
        Console.WriteLine("Test projects with failures: " + string.Join(", ", failedProjects));
    }

    // The last line of a test run is the total, in the plain form CI reads.
    Console.WriteLine(totals.ToString());
    if (totals.Failed > 0 || failedProjects.Count > 0 || totals.Passed == 0)
    {
        Environment.Exit(1);
    }
}

DotNetTestSettings TestSettings(string filter) => new DotNetTestSettings
{
    Configuration = configuration,
    NoBuild = true,
    Filter = filter,
    ResultsDirectory = testResults,
    Loggers = new[] { "trx", "console;verbosity=minimal" },
};

// The C runtime's unit tests, when it has any: configure, build and run them with CTest.
TestTotals RuntimeCTest()
{
    var runtime = Directory("./runtime/crt");
    if (!FileExists(runtime + File("CMakeLists.txt")))
    {
        return new TestTotals(0, 0, 0);
    }

    var build = output + Directory("crt-build");
    EnsureDirectoryExists(build);
    Run("cmake", $"-S {MakeAbsolute(runtime)} -B {MakeAbsolute(build)} -DCMAKE_BUILD_TYPE=Debug");
    Run("cmake", $"--build {MakeAbsolute(build)} --parallel");
    var junit = MakeAbsolute(testResults + File("crt-ctest.xml"));
    StartProcess("ctest", new ProcessSettings
    {
        Arguments = $"--test-dir {MakeAbsolute(build)} --output-on-failure --output-junit {junit}",
    });
    if (!FileExists(junit))
    {
        return new TestTotals(0, 1, 0);
    }

    var suite = XDocument.Load(junit.FullPath).Root;
    int Count(string name) => int.Parse(suite.Attribute(name)?.Value ?? "0");
    var failed = Count("failures") + Count("errors");
    var skipped = Count("skipped") + Count("disabled");
    return new TestTotals(Count("tests") - failed - skipped, failed, skipped);
}

void Run(string tool, string arguments)
{
    var exit = StartProcess(tool, new ProcessSettings { Arguments = arguments });
    if (exit != 0)
    {
        throw new Exception($"{tool} {arguments} exited with {exit}");
    }
}

static TestTotals TrxTotals(ConvertableDirectoryPath directory)
{
    var totals = new TestTotals(0, 0, 0);
    foreach (var trx in System.IO.Directory.GetFiles(directory.Path.FullPath, "*.trx"))
    {
        var counters = XDocument.Load(trx).Descendants().First(e => e.Name.LocalName == "Counters");
        int Count(string name) => int.Parse(counters.Attribute(name)?.Value ?? "0");
        totals += new TestTotals(Count("passed"), Count("failed") + Count("error") + Count("timeout") + Count("aborted"), Count("notExecuted"));
    }

    return totals;
}

record TestTotals(int Passed, int Failed, int Skipped)
{
    public static TestTotals operator +(TestTotals a, TestTotals b) =>
        new(a.Passed + b.Passed, a.Failed + b.Failed, a.Skipped + b.Skipped);

    public override string ToString() =>
        Skipped > 0 ? $"{Passed} passed, {Failed} failed, {Skipped} skipped" : $"{Passed} passed, {Failed} failed";
}
