using System.Globalization;
using System.Numerics;
using Antlr4.Runtime;
using MicroTvm.IR.Kernels;
using MicroTvm.IR.Text.Grammar;

namespace MicroTvm.IR.Text;

/// <summary>
/// Builds one kernel from the syntax tree: resolves buffer and variable names by scope (as the
/// kernel verifier scopes them), element types and intrinsics, and checks literals. A kernel
/// that builds is then run through <see cref="KernelVerifier"/>, whose diagnostics are located
/// at the statement they concern, so typing and bounds errors get <c>file:line:col</c> too.
/// </summary>
internal sealed partial class KernelBuilder
{
    private readonly LiteralReader _literals;
    private readonly TypeBuilder _types;
    private readonly Dictionary<string, KernelBuffer> _buffers = new(StringComparer.Ordinal);
    private readonly List<Dictionary<string, Var>> _scopes = [];
    private readonly Dictionary<Stmt, SourceLocation> _locations = new(ReferenceEqualityComparer.Instance);

    private KernelBuilder(LiteralReader literals, TypeBuilder types)
    {
        _literals = literals;
        _types = types;
    }

    /// <summary>The kernel, or null when a diagnostic was reported (including the verifier's).</summary>
    public static KernelFunction? Build(MirParser.KernelContext context, LiteralReader literals, TypeBuilder types, DiagnosticBag diagnostics) =>
        new KernelBuilder(literals, types).Build(context, diagnostics);

    private KernelFunction? Build(MirParser.KernelContext context, DiagnosticBag diagnostics)
    {
        var nameToken = context.GRAPH_NAME().Symbol;
        var name = _literals.Name(nameToken) is { } text ? _literals.CheckKernelName(text, nameToken) : null;
        var ok = name is not null;
        var parameters = ImmutableArray.CreateBuilder<KernelBuffer>();
        foreach (var parameterContext in context.bufferParameter())
        {
            var parameter = Parameter(parameterContext);
            ok &= parameter is not null;
            if (parameter is not null)
            {
                parameters.Add(parameter);
                _buffers.TryAdd(parameter.Name, parameter);
            }
        }

        var body = Body(context.kernelBody());
        if (!ok || body is null)
        {
            return null;
        }

        var function = new KernelFunction(name!, parameters.ToImmutable(), body);
        var kernelLocation = _literals.At(context.Start);
        var problems = KernelVerifier.Verify(function, s => s is not null && _locations.TryGetValue(s, out var at) ? at : kernelLocation);
        diagnostics.AddRange(problems);
        return problems.Any(d => d.IsError) ? null : function;
    }

    private KernelBuffer? Parameter(MirParser.BufferParameterContext context)
    {
        var name = Name(context.kernelName());
        var typed = _types.TryElementType(context.IDENT().Symbol, out var type);
        var ok = _literals.TryInt32(context.INT(0).Symbol, "element count", out var count);
        var alignment = 0;
        if (context.ALIGN() is not null)
        {
            ok &= _literals.TryInt32(context.INT(1).Symbol, "alignment", out alignment);
        }

        if (name is null || !typed || !ok)
        {
            return null;
        }

        if (count < 1)
        {
            _literals.Error(TextDiagnosticIds.InvalidBuffer, $"buffer '{name}' must have at least one element, not {count}", context.INT(0).Symbol);
            return null;
        }

        var natural = type.ByteSize();
        if (context.ALIGN() is not null && (alignment < natural || !BitOperations.IsPow2(alignment)))
        {
            _literals.Error(
                TextDiagnosticIds.InvalidBuffer,
                $"alignment {alignment} of buffer '{name}' must be a power of two of at least {natural} (the {type.Mnemonic()} size)",
                context.INT(1).Symbol);
            return null;
        }

        var role = context.role.Type switch
        {
            MirLexer.IN => BufferRole.Input,
            MirLexer.OUT => BufferRole.Output,
            MirLexer.CONST => BufferRole.Constant,
            _ => BufferRole.Workspace,
        };
        return new KernelBuffer(name, type, count, role, alignment);
    }

    /// <summary>A braced body in a scope of its own: its one statement, or a block of all of them.</summary>
    private Stmt? Body(MirParser.KernelBodyContext context)
    {
        var statements = Statements(context);
        if (statements is null)
        {
            return null;
        }

        return statements.Value.Length == 1 ? statements.Value[0] : Located(new Block(statements.Value), context);
    }

    private ImmutableArray<Stmt>? Statements(MirParser.KernelBodyContext context)
    {
        _scopes.Add(new Dictionary<string, Var>(StringComparer.Ordinal));
        var statements = ImmutableArray.CreateBuilder<Stmt>();
        var ok = true;
        foreach (var statementContext in context.kernelStatement())
        {
            var statement = Statement(statementContext);
            ok &= statement is not null;
            if (statement is not null)
            {
                statements.Add(statement);
            }
        }

        _scopes.RemoveAt(_scopes.Count - 1);
        return ok ? statements.ToImmutable() : null;
    }

    private Stmt? Statement(MirParser.KernelStatementContext context)
    {
        Stmt? statement = context switch
        {
            MirParser.ForStatementContext loop => For(loop),
            MirParser.DeclareStatementContext declare => Declare(declare),
            MirParser.IfStatementContext branch => If(branch),
            MirParser.BlockStatementContext block => Statements(block.kernelBody()) is { } statements ? new Block(statements) : null,
            MirParser.StoreStatementContext store => Store(store),
            MirParser.AssignStatementContext assign => Assign(assign),
            _ => throw new InvalidOperationException($"unexpected kernel statement syntax {context.GetType().Name}"),
        };
        return statement is null ? null : Located(statement, context);
    }

    private For? For(MirParser.ForStatementContext context)
    {
        var name = Name(context.kernelName());
        var extent = Extent(context.RANGE().Symbol);
        var variable = name is null ? null : new Var(name, ElementType.I32);
        _scopes.Add(new Dictionary<string, Var>(StringComparer.Ordinal));
        if (variable is not null)
        {
            _scopes[^1][variable.Name] = variable;
        }

        var body = Body(context.kernelBody());
        _scopes.RemoveAt(_scopes.Count - 1);
        return variable is not null && extent is not null && body is not null
            ? new For(variable, extent.Value, body, unroll: context.UNROLL() is not null)
            : null;
    }

    /// <summary>The extent N of a <c>0..N</c> range token.</summary>
    private int? Extent(IToken range)
    {
        var parts = range.Text.Split("..");
        var startOk = long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var start);
        var endOk = int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var extent);
        if (!startOk || start != 0)
        {
            _literals.Error(TextDiagnosticIds.InvalidLoopRange, $"loop range {range.Text} must start at 0 (loops run over 0..N in steps of 1)", range);
            return null;
        }

        if (!endOk)
        {
            _literals.Error(TextDiagnosticIds.IntegerOutOfRange, $"loop extent {parts[1]} does not fit in 32 bits", range, parts[0].Length + 2);
            return null;
        }

        if (extent < 1)
        {
            _literals.Error(TextDiagnosticIds.InvalidLoopRange, $"loop range {range.Text} is empty; a loop runs at least once", range);
            return null;
        }

        return extent;
    }

    private Declare? Declare(MirParser.DeclareStatementContext context)
    {
        var name = Name(context.kernelName());
        var typed = _types.TryElementType(context.IDENT().Symbol, out var type);
        var init = Expression(context.kernelExpression());
        if (name is null || !typed)
        {
            return null;
        }

        // Declared even when the initial value failed, so that later uses do not cascade.
        var variable = new Var(name, type);
        _scopes[^1][name] = variable;
        return init is null ? null : new Declare(variable, init);
    }

    private If? If(MirParser.IfStatementContext context)
    {
        var condition = Expression(context.kernelExpression());
        var then = Body(context.kernelBody(0));
        var otherwise = context.ELSE() is null ? null : Body(context.kernelBody(1));
        var ok = condition is not null && then is not null && (context.ELSE() is null || otherwise is not null);
        return ok ? new If(condition!, then!, otherwise) : null;
    }

    private Store? Store(MirParser.StoreStatementContext context)
    {
        var buffer = Buffer(context.kernelName());
        var index = Expression(context.kernelExpression(0));
        var value = Expression(context.kernelExpression(1));
        return buffer is not null && index is not null && value is not null ? new Store(buffer, index, value) : null;
    }

    private Assign? Assign(MirParser.AssignStatementContext context)
    {
        var variable = Variable(context.kernelName());
        var value = Expression(context.kernelExpression());
        return variable is not null && value is not null ? new Assign(variable, value) : null;
    }

    private T Located<T>(T statement, ParserRuleContext context)
        where T : Stmt
    {
        _locations[statement] = _literals.At(context.Start);
        return statement;
    }

    /// <summary>A buffer or variable name, bare or quoted; null (reported) when kernel IR does not accept it.</summary>
    private string? Name(MirParser.KernelNameContext context) => _literals.KernelName(context);

    private KernelBuffer? Buffer(MirParser.KernelNameContext context)
    {
        var name = Name(context);
        if (name is null)
        {
            return null;
        }

        if (_buffers.TryGetValue(name, out var buffer))
        {
            return buffer;
        }

        var hint = Lookup(name) is not null ? $" ('{name}' is a variable)" : Suggestions.DidYouMean(name, _buffers.Keys);
        hint = hint.Length > 0 ? hint : " (loads and stores name a parameter of the kernel)";
        _literals.Error(TextDiagnosticIds.UnknownBuffer, $"unknown buffer '{name}'{hint}", context.Start);
        return null;
    }

    private Var? Variable(MirParser.KernelNameContext context)
    {
        var name = Name(context);
        if (name is null)
        {
            return null;
        }

        if (Lookup(name) is { } variable)
        {
            return variable;
        }

        var hint = _buffers.ContainsKey(name)
            ? $" ('{name}' is a buffer: write {TextLiterals.KernelName(name)}[index])"
            : Suggestions.DidYouMean(name, _scopes.SelectMany(scope => scope.Keys).Distinct());
        hint = hint.Length > 0 ? hint : " (a variable is declared by var or for before its use, in an enclosing block)";
        _literals.Error(TextDiagnosticIds.UnknownVariable, $"unknown variable '{name}'{hint}", context.Start);
        return null;
    }

    /// <summary>The innermost visible variable of that name.</summary>
    private Var? Lookup(string name)
    {
        for (var i = _scopes.Count - 1; i >= 0; i--)
        {
            if (_scopes[i].TryGetValue(name, out var variable))
            {
                return variable;
            }
        }

        return null;
    }
}
