namespace MicroTvm.Passes.Instrumentation;

public enum TimingFormat
{
    Text,
    Json,
}
