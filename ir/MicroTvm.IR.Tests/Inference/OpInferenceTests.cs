using MicroTvm.IR;

namespace MicroTvm.IR.Tests.Inference;

public sealed class OpInferenceTests
{
    public static TheoryData<InferenceCase> Cases() => [.. InferenceCases.All()];

    [Theory]
    [MemberData(nameof(Cases))]
    public void InfersTheDocumentedShape(InferenceCase example) =>
        Assert.Equal(example.Expected, Inference.Types(example.Op, example.Operands, example.Attributes, example.Declared));

    [Fact]
    public void EveryOpOfTheCatalogHasAnExample()
    {
        var covered = InferenceCases.All().Select(c => c.Op).ToHashSet();
        Assert.Empty(Ops.All.Where(op => !covered.Contains(op)).Select(op => op.Name));
    }
}
