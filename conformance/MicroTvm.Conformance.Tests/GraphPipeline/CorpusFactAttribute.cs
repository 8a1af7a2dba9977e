namespace MicroTvm.Conformance.Tests.GraphPipeline;

/// <summary>A fact that is skipped, saying where the corpus was looked for, when this machine has no model corpus (CI always has it).</summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute()
    {
        if (ModelPaths.CorpusTflite is null)
        {
            Skip = "no model corpus: set MTVM_CORPUS or put it in ../shared/corpus beside the checkout";
        }
    }
}
