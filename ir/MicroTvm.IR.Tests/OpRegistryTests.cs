using MicroTvm.IR;

namespace MicroTvm.IR.Tests;

public sealed class OpRegistryTests
{
    [Fact]
    public void EveryCatalogOpIsFoundByItsName()
    {
        foreach (var op in Ops.All)
        {
            Assert.True(OpRegistry.TryFind(op.Name, out var found), op.Name);
            Assert.Same(op, found);
        }
    }

    [Fact]
    public void OpNamesAreUnique() =>
        Assert.Equal(Ops.All.Length, Ops.All.Select(op => op.Name).Distinct().Count());
}
