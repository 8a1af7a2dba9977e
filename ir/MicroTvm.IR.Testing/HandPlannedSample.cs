namespace MicroTvm.IR.Testing;

/// <summary>
/// A small lowered main graph (four kernel calls over one input, one kernel with a workspace,
/// parameters with different alignments) whose plannable buffers the memory-plan tests of the IR
/// and of plan-memory work out by hand. <see cref="Text"/> is the graph followed by its kernels.
/// </summary>
public static class HandPlannedSample
{
    public const string Graph = """
        graph @main(%x: tensor<16xi8>) {
          %a = kernel_call(%x) {kernel = "widen"} : tensor<16xi32>
          %b = kernel_call(%a) {kernel = "narrow"} : tensor<16xi8>
          %c = kernel_call(%b) {kernel = "copy"} : tensor<16xi8>
          %y = kernel_call(%c, %x) {kernel = "add"} : tensor<16xi8>
          return %y
        }

        """;

    public const string Kernels = """
        kernel @widen(in x: i8[16] align 4, out a: i32[16] align 16) {
          for i in 0..16 {
            a[i] = cast<i32>(x[i])
          }
        }

        kernel @narrow(in a: i32[16] align 8, workspace t: i32[8] align 8, out b: i8[16]) {
          for i in 0..8 {
            t[i] = a[i] + a[i + 8]
          }
          for i in 0..16 {
            b[i] = saturate<i8>(t[i % 8])
          }
        }

        kernel @copy(in b: i8[16], out c: i8[16] align 4) {
          for i in 0..16 {
            c[i] = b[i]
          }
        }

        kernel @add(in c: i8[16], in x: i8[16] align 2, out y: i8[16]) {
          for i in 0..16 {
            y[i] = saturate<i8>(cast<i32>(c[i]) + cast<i32>(x[i]))
          }
        }

        """;

    public const string Text = Graph + Kernels;
}
