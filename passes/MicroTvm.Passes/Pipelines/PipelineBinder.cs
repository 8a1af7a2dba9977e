namespace MicroTvm.Passes.Pipelines;

/// <summary>
/// Binds a pipeline of a library against a pass registry: expands references to other
/// pipelines (with their arguments), substitutes parameters (<c>-D</c> overrides the selected
/// pipeline's defaults), applies <c>--pass-option</c> overrides, checks every option and fills
/// in defaults. Reports every error it finds, with a suggestion for misspelt names.
/// </summary>
public sealed class PipelineBinder(PassRegistry registry)
{
    private static readonly SourceLocation CommandLine = SourceLocation.InModel("<command line>", "override");

    public (ResolvedPipeline? Pipeline, ImmutableArray<Diagnostic> Diagnostics) Bind(
        PipelineLibrary library,
        string? pipelineName,
        IReadOnlyList<KeyValuePair<string, PipelineValue>> parameterOverrides,
        IReadOnlyList<PassOptionOverride> optionOverrides)
    {
        var run = new BindRun(registry, library, optionOverrides);
        var pipeline = run.BindRoot(pipelineName, parameterOverrides);
        return (run.Diagnostics.HasErrors ? null : pipeline, run.Diagnostics.ToImmutable());
    }

    /// <summary>Binds an inline pipeline body (<c>--pass-pipeline</c>, test headers) that may use the library's pipelines.</summary>
    public (ResolvedPipeline? Pipeline, ImmutableArray<Diagnostic> Diagnostics) BindSteps(
        string name,
        ImmutableArray<PipelineStep> steps,
        PipelineLibrary? library,
        IReadOnlyList<PassOptionOverride> optionOverrides)
    {
        var run = new BindRun(registry, library, optionOverrides);
        run.CheckOverrides();
        var bound = run.BindSteps(steps, ImmutableDictionary<string, PipelineValue>.Empty, []);
        return (run.Diagnostics.HasErrors ? null : new ResolvedPipeline(name, bound), run.Diagnostics.ToImmutable());
    }

    private sealed class BindRun
    {
        private readonly PassRegistry _registry;
        private readonly IReadOnlyList<PassOptionOverride> _overrides;
        private readonly Dictionary<string, PipelineDeclaration> _pipelines = new(StringComparer.Ordinal);
        private readonly PipelineFile? _root;

        public BindRun(PassRegistry registry, PipelineLibrary? library, IReadOnlyList<PassOptionOverride> overrides)
        {
            _registry = registry;
            _overrides = overrides;
            _root = library?.Root;
            foreach (var declaration in library?.Declarations ?? [])
            {
                if (!_pipelines.TryAdd(declaration.Name, declaration))
                {
                    Diagnostics.Error(
                        PassDiagnosticIds.DuplicatePipeline,
                        $"pipeline '{declaration.Name}' is already declared at {_pipelines[declaration.Name].Location}",
                        declaration.Location);
                }
            }
        }

        public DiagnosticBag Diagnostics { get; } = new();

        public ResolvedPipeline? BindRoot(string? name, IReadOnlyList<KeyValuePair<string, PipelineValue>> parameterOverrides)
        {
            CheckOverrides();
            if (Select(name) is not { } pipeline)
            {
                return null;
            }

            var arguments = parameterOverrides.Select(o => new OptionAssignment(o.Key, o.Value, CommandLine)).ToImmutableArray();
            var environment = BindArguments(pipeline, arguments, ImmutableDictionary<string, PipelineValue>.Empty, CommandLine);
            return new ResolvedPipeline(pipeline.Name, BindSteps(pipeline.Steps, environment, [pipeline.Name]));
        }

        public void CheckOverrides()
        {
            foreach (var o in _overrides)
            {
                if (_registry.FindPass(o.Pass) is not { } pass)
                {
                    Diagnostics.Error(PassDiagnosticIds.UnknownPass, $"unknown pass '{o.Pass}' in --pass-option{Suggestions.DidYouMean(o.Pass, _registry.Passes.Select(p => p.Name))}", CommandLine);
                }
                else if (pass.FindOption(o.Option) is not { } option)
                {
                    Diagnostics.Error(PassDiagnosticIds.UnknownOption, UnknownOptionMessage(pass, o.Option), CommandLine);
                }
                else if (option.Type.Check(o.Value, out var error) is null)
                {
                    Diagnostics.Error(PassDiagnosticIds.OptionType, $"option '{o.Option}' of pass '{o.Pass}': {error}", CommandLine);
                }
            }
        }

        public ImmutableArray<ResolvedStep> BindSteps(
            ImmutableArray<PipelineStep> steps,
            ImmutableDictionary<string, PipelineValue> environment,
            ImmutableList<string> expanding)
        {
            var bound = ImmutableArray.CreateBuilder<ResolvedStep>();
            foreach (var step in steps)
            {
                switch (step)
                {
                    case NestedPipeline nested:
                        var inner = BindSteps(nested.Steps, environment, expanding);
                        if (_registry.FindAnchor(nested.Anchor) is { } anchor)
                        {
                            bound.Add(new ResolvedNest(anchor, inner));
                        }
                        else
                        {
                            Diagnostics.Error(
                                PassDiagnosticIds.UnknownAnchor,
                                $"unknown anchor '{nested.Anchor}'{Suggestions.DidYouMean(nested.Anchor, _registry.Anchors.Select(a => a.Name))}",
                                nested.Location);
                        }

                        break;
                    case PassInvocation invocation when _registry.FindPass(invocation.Name) is { } pass:
                        if (BindPass(pass, invocation, environment) is { } resolved)
                        {
                            bound.Add(resolved);
                        }

                        break;
                    case PassInvocation invocation when _pipelines.TryGetValue(invocation.Name, out var pipeline):
                        if (expanding.Contains(pipeline.Name))
                        {
                            Diagnostics.Error(
                                PassDiagnosticIds.RecursivePipeline,
                                $"pipeline '{pipeline.Name}' invokes itself: {string.Join(" -> ", expanding.Add(pipeline.Name))}",
                                invocation.Location);
                            break;
                        }

                        var arguments = BindArguments(pipeline, invocation.Options, environment, invocation.Location);
                        bound.AddRange(BindSteps(pipeline.Steps, arguments, expanding.Add(pipeline.Name)));
                        break;
                    case PassInvocation invocation:
                        var candidates = _registry.Passes.Select(p => p.Name).Concat(_pipelines.Keys);
                        Diagnostics.Error(
                            PassDiagnosticIds.UnknownPass,
                            $"unknown pass '{invocation.Name}'{Suggestions.DidYouMean(invocation.Name, candidates)}",
                            invocation.Location);
                        break;
                }
            }

            return bound.ToImmutable();
        }

        private PipelineDeclaration? Select(string? name)
        {
            if (name is not null)
            {
                if (_pipelines.TryGetValue(name, out var named))
                {
                    return named;
                }

                Diagnostics.Error(PassDiagnosticIds.UnknownPipeline, $"no pipeline named '{name}'{Suggestions.DidYouMean(name, _pipelines.Keys)}", CommandLine);
                return null;
            }

            var rootPipelines = _root?.Pipelines ?? [];
            if (rootPipelines.Length == 1)
            {
                return rootPipelines[0];
            }

            if (_pipelines.TryGetValue("default", out var fallback))
            {
                return fallback;
            }

            Diagnostics.Error(
                PassDiagnosticIds.UnknownPipeline,
                rootPipelines.Length == 0
                    ? "the file declares no pipeline"
                    : $"the file declares several pipelines and none is named 'default'; choose one with --pipeline-name: {string.Join(", ", rootPipelines.Select(p => p.Name))}",
                CommandLine);
            return null;
        }

        private ImmutableDictionary<string, PipelineValue> BindArguments(
            PipelineDeclaration pipeline,
            ImmutableArray<OptionAssignment> arguments,
            ImmutableDictionary<string, PipelineValue> environment,
            SourceLocation? location)
        {
            var values = ImmutableDictionary.CreateBuilder<string, PipelineValue>(StringComparer.Ordinal);
            foreach (var argument in arguments)
            {
                if (!pipeline.Parameters.Any(p => p.Name == argument.Name))
                {
                    Diagnostics.Error(
                        PassDiagnosticIds.UnknownParameter,
                        $"pipeline '{pipeline.Name}' has no parameter '{argument.Name}'{Suggestions.DidYouMean(argument.Name, pipeline.Parameters.Select(p => p.Name))}",
                        argument.Location);
                }
                else if (Substitute(argument.Value, environment, argument.Location) is { } value)
                {
                    values[argument.Name] = value;
                }
            }

            foreach (var parameter in pipeline.Parameters)
            {
                if (values.ContainsKey(parameter.Name))
                {
                    continue;
                }

                if (parameter.Default is null)
                {
                    Diagnostics.Error(PassDiagnosticIds.MissingParameter, $"pipeline '{pipeline.Name}' needs a value for parameter '{parameter.Name}'", location);
                }
                else if (Substitute(parameter.Default, ImmutableDictionary<string, PipelineValue>.Empty, parameter.Location) is { } value)
                {
                    values[parameter.Name] = value;
                }
            }

            return values.ToImmutable();
        }

        private ResolvedPass? BindPass(PassDescriptor pass, PassInvocation invocation, ImmutableDictionary<string, PipelineValue> environment)
        {
            var values = new Dictionary<string, PipelineValue>(StringComparer.Ordinal);
            var ok = true;
            foreach (var assignment in invocation.Options)
            {
                if (pass.FindOption(assignment.Name) is not { } option)
                {
                    Diagnostics.Error(PassDiagnosticIds.UnknownOption, UnknownOptionMessage(pass, assignment.Name), assignment.Location);
                    ok = false;
                }
                else if (values.ContainsKey(assignment.Name))
                {
                    Diagnostics.Error(PassDiagnosticIds.DuplicateOption, $"option '{assignment.Name}' of pass '{pass.Name}' is set twice", assignment.Location);
                    ok = false;
                }
                else if (Substitute(assignment.Value, environment, assignment.Location) is not { } value)
                {
                    ok = false;
                }
                else if (option.Type.Check(value, out var error) is { } checkedValue)
                {
                    values[option.Name] = checkedValue;
                }
                else
                {
                    Diagnostics.Error(PassDiagnosticIds.OptionType, $"option '{assignment.Name}' of pass '{pass.Name}': {error}", assignment.Location);
                    ok = false;
                }
            }

            foreach (var o in _overrides)
            {
                if (o.Pass == pass.Name && pass.FindOption(o.Option) is { } option && option.Type.Check(o.Value, out _) is { } checkedValue)
                {
                    values[o.Option] = checkedValue;
                }
            }

            var options = ImmutableArray.CreateBuilder<OptionAssignment>(pass.Options.Length);
            foreach (var option in pass.Options)
            {
                if ((values.GetValueOrDefault(option.Name) ?? option.Default) is { } value)
                {
                    options.Add(new OptionAssignment(option.Name, value));
                }
                else if (ok)
                {
                    Diagnostics.Error(PassDiagnosticIds.MissingOption, $"pass '{pass.Name}' needs option '{option.Name}' ({option.Type.DisplayName})", invocation.Location);
                    ok = false;
                }
            }

            return ok ? new ResolvedPass(pass, options.MoveToImmutable(), invocation.Location) : null;
        }

        private PipelineValue? Substitute(PipelineValue value, ImmutableDictionary<string, PipelineValue> environment, SourceLocation? location)
        {
            switch (value)
            {
                case ParameterReference reference when environment.TryGetValue(reference.Name, out var bound):
                    return bound;
                case ParameterReference reference:
                    Diagnostics.Error(
                        PassDiagnosticIds.UnknownParameter,
                        $"unknown parameter '${reference.Name}'{Suggestions.DidYouMean(reference.Name, environment.Keys)}",
                        location);
                    return null;
                case ListValue list:
                    var items = list.Items.Select(item => Substitute(item, environment, location)).ToList();
                    return items.Contains(null) ? null : new ListValue([.. items!]);
                default:
                    return value;
            }
        }

        private static string UnknownOptionMessage(PassDescriptor pass, string option) =>
            $"pass '{pass.Name}' has no option '{option}'{Suggestions.DidYouMean(option, pass.Options.Select(o => o.Name))}";
    }
}
