using MicroTvm.IR.Kernels;
using MicroTvm.IR.Text;
using static MicroTvm.IR.Kernels.KernelSyntax;

namespace MicroTvm.IR.Tests.Text;

/// <summary>Kernels in .mir modules: the printed text, and every construct read back.</summary>
public sealed class KernelTextTests
{
    private const string Expected = """
        graph @main(%x: tensor<8xi8>) {
          return %x
        }

        kernel @dense(in x: i8[8], const w: i8[24] align 16, const bias: i32[3], out y: i8[3]) {
          for u in 0..3 {
            var acc: i32 = bias[u]
            for i in 0..8 unroll {
              acc = acc + (cast<i32>(x[i]) + 128) * cast<i32>(w[u * 8 + i])
            }
            y[u] = saturate<i8>(requantize(acc, 1518500250, -7) - 128)
          }
        }

        kernel @k.1(workspace t: f32[4]) {
          for i in 0..4 {
            if (i < 2) || !(i == 3) {
              var f: f32 = cast<f32>((i & 1) << 2)
              {
                f = max(-0.0, f / 2.5)
              }
              t[i] = select(f >= 1E+20, round_half_even(f), -inf)
            } else {
              t[4 - (i - (-1))] = nan(0x7fc00001)
            }
          }
        }

        """;

    [Fact]
    public void PrintsKernelsAfterTheGraphs() =>
        Assert.Equal(Expected.ReplaceLineEndings("\n"), ModulePrinter.Print(ModuleWithKernels()));

    [Fact]
    public void ParsesThePrintedModuleBackToAnEqualOne()
    {
        var module = Parse(Expected);
        Assert.Equal(ModuleWithKernels(), module);
        Assert.Equal(["dense", "k.1"], module.Kernels.Select(k => k.Name));
        Assert.Same(module.Kernels[1], module.FindKernel("k.1"));
    }

    [Fact]
    public void ReadsKernelsBetweenGraphsAndPrintsThemLast()
    {
        var module = Parse("kernel @k(out y: i32[1]) {\n  y[0] = 1\n}\ngraph @main() {\n  return\n}\n");
        Assert.Single(module.Graphs);
        Assert.Equal("graph @main() {\n  return\n}\n\nkernel @k(out y: i32[1]) {\n  y[0] = 1\n}\n", ModulePrinter.Print(module));
    }

    [Fact]
    public void ReadsBufferRolesTypesCountsAndAlignments()
    {
        var kernel = ParseKernel("kernel @k(in a: u8[3], const b: i16[2] align 4, workspace c: bool[1] align 1, out d: i64[5]) {\n}\n");
        Assert.Equal(
            new[]
            {
                new KernelBuffer("a", ElementType.U8, 3, BufferRole.Input),
                new KernelBuffer("b", ElementType.I16, 2, BufferRole.Constant, alignment: 4),
                new KernelBuffer("c", ElementType.Bool, 1, BufferRole.Workspace),
                new KernelBuffer("d", ElementType.I64, 5, BufferRole.Output),
            },
            kernel.Parameters.ToArray());
        Assert.Equal(Seq(), kernel.Body);
    }

    [Fact]
    public void ABodyOfOneStatementIsThatStatementAndABlockOfOneKeepsItsBraces()
    {
        var y = new KernelBuffer("y", ElementType.I32, 4, BufferRole.Output);
        var i = I32Var("i");
        var bare = new KernelFunction("k", [y], Loop(i, 4, new Store(y, i, I32(0))));
        var braced = new KernelFunction("k", [y], Loop(i, 4, Seq(new Store(y, i, I32(0)))));
        Assert.Contains("for i in 0..4 {\n    y[i] = 0\n  }", KernelPrinter.Print(bare));
        Assert.Contains("for i in 0..4 {\n    {\n      y[i] = 0\n    }\n  }", KernelPrinter.Print(braced));
        Assert.Equal(bare, RoundTrip(bare));
        Assert.Equal(braced, RoundTrip(braced));
        Assert.NotEqual(bare, braced);
    }

    [Fact]
    public void ReadsEveryStatement()
    {
        var y = new KernelBuffer("y", ElementType.I32, 4, BufferRole.Output);
        var (i, a) = (I32Var("i"), I32Var("a"));
        var expected = new KernelFunction("k", [y], Seq(
            new Declare(a, I32(1)),
            new Assign(a, Add(a, I32(2))),
            UnrolledLoop(i, 4, new If(Lt(i, a), new Store(y, i, a), Seq())),
            new If(Bool(true), Seq(new Store(y, I32(0), I32(7))))));
        var kernel = ParseKernel("""
            kernel @k(out y: i32[4]) {
              var a: i32 = 1
              a = a + 2
              for i in 0..4 unroll {
                if i < a {
                  y[i] = a
                } else {
                }
              }
              if true {
                {
                  y[0] = 7
                }
              }
            }
            """);
        Assert.Equal(expected, kernel);
    }

    [Theory]
    [InlineData("r = a + b * c", "a + b * c")]
    [InlineData("r = (a + b) * c", "(a + b) * c")]
    [InlineData("r = a - b - c", "a - b - c")]
    [InlineData("r = a - (b - c)", "a - (b - c)")]
    [InlineData("r = a << 2 + b", "a << (2 + b)")]
    [InlineData("r = a >> b", "a >> b")]
    [InlineData("r = a & b | c ^ a", "(a & b) | (c ^ a)")]
    [InlineData("y[0] = a < b == (b >= c)", "(a < b) == (b >= c)")]
    [InlineData("y[0] = a + 1 <= b % 3", "a + 1 <= b % 3")]
    [InlineData("y[0] = !(a != b) && a > b || a / b == 0", "(!(a != b) && (a > b)) || (a / b == 0)")]
    [InlineData("r = -5 + a", "-5 + a")]
    [InlineData("r = a - (-5)", "a - (-5)")]
    [InlineData("r = min(a, max(b, c))", "min(a, max(b, c))")]
    public void ReadsOperatorsWithCsPrecedence(string statement, string canonical)
    {
        var kernel = ParseKernel($"kernel @k(out y: bool[1]) {{\n  var a: i32 = 1\n  var b: i32 = 2\n  var c: i32 = 3\n  var r: i32 = 0\n  {statement}\n}}\n");
        var last = ((Block)kernel.Body).Statements[^1];
        Assert.Equal(canonical, Value(last).ToString());
    }

    [Fact]
    public void ReadsLiteralsOfEveryTypeBitExactly()
    {
        var values = new Expr[]
        {
            I32(-2147483648), Imm(-128, ElementType.I8), Imm(255, ElementType.U8), Imm(-32768, ElementType.I16),
            I64(long.MinValue), Bool(false), F32(-0f), F32(1e-45f), F32(float.MaxValue), F32(float.NegativeInfinity),
            F32(float.NaN), F32(BitConverter.Int32BitsToSingle(0x7f800001)), F32(BitConverter.Int32BitsToSingle(unchecked((int)0xffc00001))),
        };
        var buffers = values.Select((v, n) => new KernelBuffer($"o{n}", v.Type, 1, BufferRole.Output)).ToList();
        var kernel = new KernelFunction("k", [.. buffers], Seq([.. values.Select((v, n) => (Stmt)new Store(buffers[n], I32(0), v))]));
        Assert.Equal(kernel, RoundTrip(kernel));
    }

    [Fact]
    public void ReadsConversionsSelectAndEveryIntrinsic()
    {
        var x = new KernelBuffer("x", ElementType.I32, 1, BufferRole.Input);
        var f = new KernelBuffer("f", ElementType.F32, 1, BufferRole.Output);
        var y = new KernelBuffer("y", ElementType.I8, 1, BufferRole.Output);
        var load = new Load(x, I32(0));
        var floats = Enum.GetValues<Intrinsic>().Where(i => i.IsFloatMath()).Select(i => (Stmt)new Store(f, I32(0), CallIntrinsic(i, CastTo(ElementType.F32, load))));
        var kernel = new KernelFunction("k", [x, f, y], Seq([
            .. floats,
            new Store(y, I32(0), SaturateTo(ElementType.I8, Requantize(CastTo(ElementType.I64, load), I32(1 << 30), I32(-3)))),
            new Store(y, I32(0), new Select(Ge(load, I32(0)), Imm(1, ElementType.I8), CastTo(ElementType.I8, CallIntrinsic(Intrinsic.SaturatingRoundingDoublingHighMul, load, load)))),
            new Store(y, I32(0), CastTo(ElementType.I8, CallIntrinsic(Intrinsic.RoundingDivideByPot, load, I32(3)))),
        ]));
        Assert.Equal(kernel, RoundTrip(kernel));
    }

    [Fact]
    public void QuotesNamesThatWouldReadAsSomethingElse()
    {
        var buffers = new[] { "true", "nan", "cast", "_", ".x", "in", "q", "for" }
            .Select(name => new KernelBuffer(name, ElementType.I32, 1, BufferRole.Output)).ToList();
        var v = I32Var("saturate");
        var kernel = new KernelFunction("kernel", [.. buffers], Seq([
            new Declare(v, I32(1)),
            .. buffers.Select(b => (Stmt)new Store(b, I32(0), Add(v, new Load(buffers[0], I32(0))))),
        ]));
        var text = KernelPrinter.Print(kernel);
        Assert.StartsWith("kernel @kernel(out \"true\": i32[1], out \"nan\": i32[1], out \"cast\": i32[1], out \"_\": i32[1], out \".x\": i32[1], out in: i32[1], out q: i32[1], out for: i32[1])", text);
        Assert.Contains("  var \"saturate\": i32 = 1\n  \"true\"[0] = \"saturate\" + \"true\"[0]\n", text);
        Assert.Contains("  for[0] = \"saturate\" + \"true\"[0]\n", text);
        Assert.Equal(kernel, RoundTrip(kernel));
    }

    [Fact]
    public void ScopesFollowBlocks()
    {
        var kernel = ParseKernel("""
            kernel @k(out y: f32[2]) {
              {
                var a: i32 = 1
                y[a] = 1.0
              }
              var a: f32 = 2.0
              y[0] = a
            }
            """);
        var last = (Store)((Block)kernel.Body).Statements[^1];
        Assert.Equal(new Var("a", ElementType.F32), last.Value);
    }

    private static Expr Value(Stmt statement) => statement switch
    {
        Assign assign => assign.Value,
        Store store => store.Value,
        _ => throw new InvalidOperationException(statement.ToString()),
    };

    private static Module ModuleWithKernels()
    {
        var main = new Graph("main", [new Value("x", new TensorType(ElementType.I8, [8]))], [], ["x"]);
        var t = new KernelBuffer("t", ElementType.F32, 4, BufferRole.Workspace);
        var f = new Var("f", ElementType.F32);
        var i = I32Var("i");
        var branchy = new KernelFunction("k.1", [t], Loop(i, 4, new If(
            Or(Lt(i, I32(2)), new Not(Eq(i, I32(3)))),
            Seq(
                new Declare(f, CastTo(ElementType.F32, Shl(BitAnd(i, I32(1)), I32(2)))),
                Seq(new Assign(f, Max(F32(-0f), Div(f, F32(2.5f))))),
                new Store(t, i, new Select(Ge(f, F32(1e20f)), CallIntrinsic(Intrinsic.RoundHalfEven, f), F32(float.NegativeInfinity)))),
            new Store(t, Sub(I32(4), Sub(i, I32(-1))), F32(BitConverter.Int32BitsToSingle(0x7fc00001))))));
        return new Module([main], kernels: [Dense(), branchy]);
    }

    private static KernelFunction Dense()
    {
        var x = new KernelBuffer("x", ElementType.I8, 8, BufferRole.Input);
        var w = new KernelBuffer("w", ElementType.I8, 24, BufferRole.Constant, alignment: 16);
        var bias = new KernelBuffer("bias", ElementType.I32, 3, BufferRole.Constant);
        var y = new KernelBuffer("y", ElementType.I8, 3, BufferRole.Output);
        var (u, i, acc) = (I32Var("u"), I32Var("i"), I32Var("acc"));
        return new KernelFunction("dense", [x, w, bias, y], Loop(u, 3, Seq(
            new Declare(acc, new Load(bias, u)),
            UnrolledLoop(i, 8, new Assign(acc, Add(acc, Mul(
                Add(CastTo(ElementType.I32, new Load(x, i)), I32(128)),
                CastTo(ElementType.I32, new Load(w, Add(Mul(u, I32(8)), i))))))),
            new Store(y, u, SaturateTo(ElementType.I8, Sub(Requantize(acc, I32(1518500250), I32(-7)), I32(128)))))));
    }

    private static KernelFunction RoundTrip(KernelFunction kernel) =>
        ParseKernel("graph @main() {\n  return\n}\n" + KernelPrinter.Print(kernel));

    private static KernelFunction ParseKernel(string text) => Assert.Single(Parse(text).Kernels);

    private static Module Parse(string text)
    {
        var result = ModuleParser.Parse(text.ReplaceLineEndings("\n"), "k.mir");
        Assert.True(result.Module is not null, string.Join("\n", result.Diagnostics));
        return result.Module;
    }
}
