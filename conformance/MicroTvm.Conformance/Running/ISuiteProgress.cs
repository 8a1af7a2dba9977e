namespace MicroTvm.Conformance.Running;

/// <summary>Where the suite reports its progress: one task per stage (compiling, then each board), each with a total and increments.</summary>
public interface ISuiteProgress
{
    void Start(string task, int total);

    void Advance(string task, int count);
}
