using System.Reflection;

namespace MicroTvm.Passes.Tests;

public sealed class DiagnosticIdTests
{
    [Fact]
    public void IdsAreUniqueAndInTheRangeOfPasses()
    {
        var ids = typeof(PassDiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^MTVM2[0-9]{3}$", id));
    }
}
