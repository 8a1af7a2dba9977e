using MicroTvm.IR.Text;

namespace MicroTvm.IR.Tests.Text;

/// <summary>Every diagnostic of the parser as data: input, id, position and exact message.</summary>
public sealed class ParserDiagnosticTests
{
    private const string Header = "graph @g(%x: tensor<f32>) {\n";

    public static TheoryData<string, string, int, int, string> Cases => new()
    {
        {
            Header + "  %y = relu(%x) : tensor<f32>\n  return %y\n",
            TextDiagnosticIds.SyntaxError, 4, 1, "expected '}' but found end of file"
        },
        {
            Header + "  %y = relu(%x) {alpha 1} : tensor<f32>\n  return\n}",
            TextDiagnosticIds.SyntaxError, 2, 24, "expected '=' but found '1'"
        },
        {
            Header + "  %y = relu(%x) # : tensor<f32>\n  return\n}",
            TextDiagnosticIds.UnexpectedCharacter, 2, 17, "unexpected character '#'"
        },
        {
            Header + "  %y = convv(%x) : tensor<f32>\n  return\n}",
            TextDiagnosticIds.UnknownOp, 2, 8, "unknown op 'convv'; did you mean 'conv'?"
        },
        {
            Header + "  %y = frobnicate(%x) : tensor<f32>\n  return\n}",
            TextDiagnosticIds.UnknownOp, 2, 8, "unknown op 'frobnicate'"
        },
        {
            Header + "  %y = relu(%x) {k = \"abc} : tensor<f32>\n  return\n}",
            TextDiagnosticIds.UnterminatedString, 2, 22, "unterminated string: missing closing '\"' on this line"
        },
        {
            Header + "  %y = relu(%x) {k = \"a\\qb\"} : tensor<f32>\n  return\n}",
            TextDiagnosticIds.InvalidEscape, 2, 24, "invalid escape '\\q' (expected \\\", \\\\, \\n, \\r, \\t or \\uXXXX)"
        },
        {
            "graph @g(%x: tensor<2xf16>) {\n  return\n}",
            TextDiagnosticIds.UnknownElementType, 1, 23, "unknown element type 'f16'; did you mean 'i16'? (expected one of f32, i8, u8, i16, i32, i64, bool)"
        },
        {
            Header + "  %y = relu(%x) {k = 9223372036854775808} : tensor<f32>\n  return\n}",
            TextDiagnosticIds.IntegerOutOfRange, 2, 22, "integer 9223372036854775808 does not fit in 64 bits"
        },
        {
            "graph @g(%x: tensor<4294967296xf32>) {\n  return\n}",
            TextDiagnosticIds.IntegerOutOfRange, 1, 21, "dimension 4294967296 does not fit in 32 bits"
        },
        {
            Header + "  %c = constant {value = dense<tensor<2xu8>, [1, 256]>} : tensor<2xu8>\n  return\n}",
            TextDiagnosticIds.IntegerOutOfRange, 2, 50, "256 does not fit u8 [0, 255]"
        },
        {
            Header + "  %y = leaky_relu(%x) {alpha = 1e999} : tensor<f32>\n  return\n}",
            TextDiagnosticIds.FloatOutOfRange, 2, 32, "float 1e999 is out of the range of a 64-bit float (write inf for infinity)"
        },
        {
            "graph @g(%x: tensor<i8, q<1e39:0>>) {\n  return\n}",
            TextDiagnosticIds.FloatOutOfRange, 1, 27, "float 1e39 is out of the range of a 32-bit float (write inf for infinity)"
        },
        {
            Header + "  %y = split(%x) {axis = 1, axis = 2} : tensor<f32>\n  return\n}",
            TextDiagnosticIds.DuplicateAttribute, 2, 29, "duplicate attribute 'axis'"
        },
        {
            Header + "  %a, %b = relu(%x) : tensor<f32>\n  return\n}",
            TextDiagnosticIds.ResultTypeCount, 2, 3, "2 result names but 1 result type; every result needs exactly one type after ':'"
        },
        {
            Header + "  %a = relu(%x)\n  return\n}",
            TextDiagnosticIds.ResultTypeCount, 2, 3, "1 result name but no result types; every result needs exactly one type after ':'"
        },
        {
            Header + "  %y = leaky_relu(%x) {alpha = 1} : tensor<f32>\n  return\n}",
            TextDiagnosticIds.AttributeKindMismatch, 2, 32, "attribute 'alpha' of 'leaky_relu' must be a float, not an integer (write 1.0)"
        },
        {
            Header + "  %y = conv(%x, %w) {pads = \"same\"} : tensor<f32>\n  return\n}",
            TextDiagnosticIds.AttributeKindMismatch, 2, 29, "attribute 'pads' of 'conv' must be a list of integers, not a string"
        },
        {
            Header + "  %y = conv(%x, %w) {pads = [1, 2.5]} : tensor<f32>\n  return\n}",
            TextDiagnosticIds.AttributeKindMismatch, 2, 33, "attribute 'pads' of 'conv' must be a list of integers; '2.5' is not an integer"
        },
        {
            Header + "  %y = split(%x) {axis = [1]} : tensor<f32>\n  return\n}",
            TextDiagnosticIds.AttributeKindMismatch, 2, 26, "attribute 'axis' of 'split' must be an integer, not a list of integers"
        },
        {
            Header + "  %y = relu(%x) {k = [1, 2.5]} : tensor<f32>\n  return\n}",
            TextDiagnosticIds.InvalidList, 2, 22, "attribute 'k' of 'relu': a list holds either integers or floats"
        },
        {
            "module {k = [true]}\n",
            TextDiagnosticIds.InvalidList, 1, 13, "attribute 'k': a list holds either integers or floats"
        },
        {
            Header + "  %c = constant {value = dense<tensor<4xi32>, [1, 2, 3]>} : tensor<4xi32>\n  return\n}",
            TextDiagnosticIds.DenseSizeMismatch, 2, 47, "tensor<4xi32> needs 4 elements but 3 are given"
        },
        {
            Header + "  %c = constant {value = dense<tensor<2xi16>, \"0x0102\">} : tensor<2xi16>\n  return\n}",
            TextDiagnosticIds.DenseSizeMismatch, 2, 47, "tensor<2xi16> needs 4 bytes but 2 are given"
        },
        {
            Header + "  %c = constant {value = dense<tensor<2xbool>, [true, 1]>} : tensor<2xbool>\n  return\n}",
            TextDiagnosticIds.DenseElementKind, 2, 55, "bool elements must be true or false, not '1'"
        },
        {
            Header + "  %c = constant {value = dense<tensor<1xi8>, [1.5]>} : tensor<1xi8>\n  return\n}",
            TextDiagnosticIds.DenseElementKind, 2, 47, "i8 elements must be integers, not '1.5'"
        },
        {
            Header + "  %c = constant {value = dense<tensor<1xi8>, \"0x0g\">} : tensor<1xi8>\n  return\n}",
            TextDiagnosticIds.InvalidHex, 2, 46, "dense bytes must be \"0x\" followed by an even number of hex digits"
        },
        {
            Header + "  %y = leaky_relu(%x) {alpha = nan(0x1)} : tensor<f32>\n  return\n}",
            TextDiagnosticIds.InvalidHex, 2, 32, "'nan(0x1)' is not the bit pattern of an f64 NaN"
        },
        {
            "graph @g(%x: tensor<2xi8, q<axis=0, []>>) {\n  return\n}",
            TextDiagnosticIds.InvalidQuantization, 1, 37, "per-axis quantization needs at least one scale:zero_point pair"
        },
        {
            "graph @g(%\"\": tensor<f32>) {\n  return\n}",
            TextDiagnosticIds.EmptyName, 1, 10, "a name must not be empty"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReportsTheError(string text, string id, int line, int column, string message)
    {
        var result = ModuleParser.Parse(text, "bad.mir");
        Assert.Null(result.Module);
        var diagnostic = result.Diagnostics.First();
        Assert.Equal((id, line, column, message), (diagnostic.Id, diagnostic.Location!.Line, diagnostic.Location.Column, diagnostic.Message));
        Assert.Equal("bad.mir", diagnostic.Location.File);
    }

    [Fact]
    public void ReportsEveryErrorInOneRun()
    {
        const string text = """
            graph @g(%x: tensor<2xf16>) {
              %y = convv(%x) : tensor<f32>
              %z = relu(%x) {k = 1, k = 2} : tensor<f32>
              %w = relu(%x {k = 1} : tensor<f32>
              %v = leaky_relu(%x) {alpha = 1} : tensor<f32>
              return %y
            }
            """;
        var result = ModuleParser.Parse(text, "bad.mir");
        Assert.Null(result.Module);
        Assert.Equal(
            [
                (TextDiagnosticIds.UnknownElementType, 1),
                (TextDiagnosticIds.UnknownOp, 2),
                (TextDiagnosticIds.DuplicateAttribute, 3),
                (TextDiagnosticIds.SyntaxError, 4),
                (TextDiagnosticIds.AttributeKindMismatch, 5),
            ],
            result.Diagnostics.Select(d => (d.Id, d.Location!.Line)));
    }

    [Fact]
    public void IdsAreUniqueAndInTheParserRange()
    {
        var ids = typeof(TextDiagnosticIds).GetFields().Select(f => (string)f.GetValue(null)!).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.InRange(int.Parse(id["MTVM".Length..], System.Globalization.CultureInfo.InvariantCulture), 1001, 1049));
    }
}
