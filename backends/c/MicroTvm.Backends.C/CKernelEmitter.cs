using MicroTvm.IR.Kernels;

namespace MicroTvm.Backends.C;

/// <summary>
/// Turns a verified <see cref="KernelFunction"/> into C99: a function returning
/// <c>mtvm_status_t</c> (always MTVM_OK: kernels cannot fail) whose parameters are
/// <c>restrict</c> pointers (unless <see cref="CEmitOptions.MayAlias"/>) in the kernel's parameter order, <c>const</c> for inputs and
/// constants. Intrinsics call the static inline helpers of mtvm/fixed_point.h and math.h.
/// The output compiles warning-free with gcc -std=c99 -Wall -Wextra -Werror -pedantic.
/// </summary>
public static class CKernelEmitter
{
    /// <summary>The headers (and packed-word helpers) emitted kernels need, to be placed once at the top of the source file.</summary>
    public const string Includes = """
        #include <math.h>
        #include <stdint.h>

        #include "mtvm/fixed_point.h"
        #include "mtvm/status.h"

        """ + CPackedWordHelpers.Text;

    /// <summary>The constant arrays (if any data is given), then the function, each followed by a blank line.</summary>
    public static string Emit(KernelFunction function, CEmitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        options ??= new CEmitOptions();
        var diagnostics = KernelVerifier.Verify(function);
        if (!diagnostics.IsEmpty)
        {
            throw new ArgumentException($"kernel '{function.Name}' does not verify:\n{string.Join("\n", diagnostics)}", nameof(function));
        }

        foreach (var (name, data) in options.ConstantData)
        {
            if (function.FindParameter(name) is not { Role: BufferRole.Constant } buffer || data.Length != buffer.ByteSize)
            {
                throw new ArgumentException($"constant data '{name}' ({data.Length} bytes) does not match a constant buffer of kernel '{function.Name}'", nameof(options));
            }
        }

        return new CKernelWriter(function, options).Write();
    }
}
