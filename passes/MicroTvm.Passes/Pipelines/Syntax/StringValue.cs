using System.Text;

namespace MicroTvm.Passes.Pipelines;

public sealed record StringValue(string Value) : PipelineValue
{
    public override string KindName => "string";

    public override string ToString()
    {
        var builder = new StringBuilder("\"");
        foreach (var c in Value)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }
}
