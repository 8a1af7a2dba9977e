using MicroTvm.IR.Kernels;
using MicroTvm.IR.Testing;

namespace MicroTvm.Backends.Testing;

/// <summary>
/// The oracle of the backends' differential tests: the random kernels the evaluator runs without
/// undefined behaviour, and the bytes it leaves in each writable buffer, keyed by (index among the
/// kept cases, buffer name).
/// </summary>
public static class DefinedKernels
{
    public static (List<KernelCase> Cases, Dictionary<(int Case, string Buffer), byte[]> Expected) Evaluate(IEnumerable<KernelCase> candidates)
    {
        var cases = new List<KernelCase>();
        var expected = new Dictionary<(int, string), byte[]>();
        foreach (var candidate in candidates)
        {
            var buffers = candidate.CopyBuffers();
            try
            {
                KernelEvaluator.Run(candidate.Function, buffers);
            }
            catch (KernelEvaluationException)
            {
                continue;
            }

            foreach (var buffer in candidate.Function.Parameters.Where(b => b.IsWritable))
            {
                expected[(cases.Count, buffer.Name)] = buffers[buffer.Name];
            }

            cases.Add(candidate);
        }

        return (cases, expected);
    }
}
