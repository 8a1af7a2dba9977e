using MicroTvm.IR;
using static MicroTvm.IR.Tests.Support.NodeFactory;
using static MicroTvm.IR.Tests.Support.Types;

namespace MicroTvm.IR.Tests.Verification;

public sealed class TypeInferenceRunnerTests
{
    [Fact]
    public void InfersFromTheTypesOfNamedOperands()
    {
        var node = Node(Ops.Add, ["a", "b"], new Value("c", F32(1)));
        var types = TypeInferenceRunner.InferResultTypes(node, name => name == "a" ? F32(2, 3) : F32(3), out var errors);
        Assert.Empty(errors);
        Assert.Equal([F32(2, 3)], types.ToArray());
    }

    [Fact]
    public void ReportsUndefinedOperandsInsteadOfThrowing()
    {
        var node = Node(Ops.Relu, ["a"], new Value("b", F32(1)));
        var types = TypeInferenceRunner.InferResultTypes(node, _ => null, out var errors);
        Assert.True(types.IsDefault);
        Assert.Equal(["operand '%a' is not defined"], errors.ToArray());
    }

    [Fact]
    public void ChecksAttributesBeforeTheInferenceFunctionReadsThem()
    {
        var node = Node(Ops.Reshape, ["a"], new Value("b", F32(6)), ("shape", Str("6")));
        var types = TypeInferenceRunner.InferResultTypes(node, _ => F32(2, 3), out var errors);
        Assert.True(types.IsDefault);
        Assert.Equal(["attribute 'shape' must be an int list but is a string"], errors.ToArray());
    }

    [Fact]
    public void ChecksTheOperandCountBeforeInference()
    {
        var node = Node(Ops.Add, ["a"], new Value("b", F32(6)));
        var types = TypeInferenceRunner.InferResultTypes(node, _ => F32(6), out var errors);
        Assert.True(types.IsDefault);
        Assert.Equal(["expects at least 2 operands (lhs, rhs) but has 1"], errors.ToArray());
    }
}
