using System.Text;
using MicroTvm.IR;
using MicroTvm.IR.Kernels;

namespace MicroTvm.Backends.C;

/// <summary>One run of <see cref="CKernelEmitter"/>: names, the constant arrays, the signature and the body.</summary>
internal sealed class CKernelWriter
{
    private const int MaxUnroll = 65534;

    private readonly KernelFunction _function;
    private readonly string _functionName;
    private readonly CEmitOptions _options;
    private readonly CNames _names = new();
    private readonly Dictionary<string, string> _bufferNames = new(StringComparer.Ordinal);
    private readonly CExpressionWriter _expressions;
    private readonly StringBuilder _text = new();

    public CKernelWriter(KernelFunction function, CEmitOptions options)
    {
        _function = function;
        _options = options;
        var functionName = options.FunctionName is { } given ? _names.Claim(given) : _names.Of(function.Name);
        _functionName = functionName;
        foreach (var buffer in function.Parameters)
        {
            _bufferNames[buffer.Name] = options.ConstantData.ContainsKey(buffer.Name)
                ? _names.Claim($"{functionName}_{buffer.Name.Replace('.', '_')}")
                : _names.Of(buffer.Name);
        }

        _expressions = new CExpressionWriter(_names, _bufferNames);
    }

    public string Write()
    {
        var used = KernelUses.Buffers(_function.Body);
        foreach (var buffer in _function.Parameters)
        {
            // An unused static const array would trip -Wunused-const-variable, so it is left out.
            if (_options.ConstantData.TryGetValue(buffer.Name, out var data) && used.Contains(buffer.Name))
            {
                var align = buffer.Alignment > buffer.ElementType.ByteSize() ? $" __attribute__((aligned({buffer.Alignment})))" : string.Empty;
                _text.Append($"static const {CTypes.Name(buffer.ElementType)} {_bufferNames[buffer.Name]}[{buffer.Count}]{align} = ")
                    .Append(CArrayInitializer.Render(buffer.ElementType, data.Span)).Append(";\n\n");
            }
        }

        var parameters = _function.Parameters.Where(b => !_options.ConstantData.ContainsKey(b.Name)).ToList();
        var signature = $"{(_options.Static ? "static " : string.Empty)}mtvm_status_t {_functionName}(";
        var declarations = parameters.Select(Declaration).ToList();
        var oneLine = signature + (declarations.Count == 0 ? "void" : string.Join(", ", declarations)) + ")";
        _text.Append(oneLine.Length <= 100 ? oneLine : signature + "\n    " + string.Join(",\n    ", declarations) + ")");
        _text.Append("\n{\n");
        foreach (var buffer in parameters.Where(b => !used.Contains(b.Name)))
        {
            _text.Append($"    (void){_bufferNames[buffer.Name]};\n");
        }

        WriteBody(_function.Body, 1);
        return _text.Append("    return MTVM_OK;\n}\n").ToString();
    }

    private string Declaration(KernelBuffer buffer)
    {
        var qualifier = buffer.IsWritable ? string.Empty : "const ";
        var restrict = _options.MayAlias.Contains(buffer.Name) ? string.Empty : "restrict ";
        return $"{qualifier}{CTypes.Name(buffer.ElementType)}* {restrict}{_bufferNames[buffer.Name]}";
    }

    private void WriteBody(Stmt body, int depth)
    {
        if (body is Block block)
        {
            WriteStatements(block.Statements.AsSpan(), depth);
        }
        else
        {
            WriteStatements([body], depth);
        }
    }

    private void WriteStatements(ReadOnlySpan<Stmt> statements, int depth)
    {
        for (var i = 0; i < statements.Length; i++)
        {
            WriteStatement(statements[i], depth);
            if (statements[i] is Declare declare && !KernelUses.Reads(statements[(i + 1)..], declare.Variable.Name))
            {
                // gcc -Wunused-variable would reject a local that is never read.
                Line(depth, $"(void){_names.Of(declare.Variable.Name)};");
            }
        }
    }

    private void WriteStatement(Stmt statement, int depth)
    {
        switch (statement)
        {
            case For loop:
                if (loop.Unroll)
                {
                    Line(depth, $"#pragma GCC unroll {Math.Min(loop.Extent, MaxUnroll)}");
                }

                var variable = _names.Of(loop.Variable.Name);
                Line(depth, $"for (int32_t {variable} = 0; {variable} < {loop.Extent}; ++{variable}) {{");
                WriteBody(loop.Body, depth + 1);
                Line(depth, "}");
                break;
            case Block block:
                Line(depth, "{");
                WriteBody(block, depth + 1);
                Line(depth, "}");
                break;
            case Store store:
                Line(depth, $"{_bufferNames[store.Buffer.Name]}[{_expressions.Write(store.Index)}] = {_expressions.Write(store.Value)};");
                break;
            case Declare declare:
                Line(depth, $"{CTypes.Name(declare.Variable.Type)} {_names.Of(declare.Variable.Name)} = {_expressions.Write(declare.Init)};");
                break;
            case Assign assign:
                Line(depth, $"{_names.Of(assign.Variable.Name)} = {_expressions.Write(assign.Value)};");
                break;
            case If branch:
                Line(depth, $"if ({_expressions.Write(branch.Condition)}) {{");
                WriteBody(branch.Then, depth + 1);
                if (branch.Else is { } otherwise)
                {
                    Line(depth, "} else {");
                    WriteBody(otherwise, depth + 1);
                }

                Line(depth, "}");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(statement), statement.GetType().Name, "unknown statement");
        }
    }

    private void Line(int depth, string text) => _text.Append(' ', 4 * depth).Append(text).Append('\n');
}
