namespace MicroTvm.Passes.Tests.Support;

public enum TestPassKind
{
    Plain,
    HillClimb,
}
