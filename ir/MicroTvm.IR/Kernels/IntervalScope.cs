namespace MicroTvm.IR.Kernels;

/// <summary>
/// <see cref="IntervalAnalysis"/> for a walk over a kernel: the ranges of the variables in scope,
/// set and removed as the walk enters and leaves scopes, and the bounds and affine forms of every
/// operator node bounded so far (subexpressions included) remembered by reference until a range
/// changes, so that bounding every node of a tree bottom-up takes linear, not quadratic, time.
/// </summary>
public sealed class IntervalScope
{
    private readonly Dictionary<string, Interval> _ranges = new(StringComparer.Ordinal);
    private readonly Dictionary<Expr, Interval> _bounds = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Expr, AffineForm?> _forms = new(ReferenceEqualityComparer.Instance);
    private readonly Func<Expr, AffineForm?> _form;

    public IntervalScope()
    {
        _form = Form;
    }

    public IReadOnlyDictionary<string, Interval> Ranges => _ranges;

    public void Set(string name, Interval range)
    {
        _ranges[name] = range;
        Forget();
    }

    public void Remove(string name)
    {
        if (_ranges.Remove(name))
        {
            Forget();
        }
    }

    /// <summary>Sound bounds of an integer or bool expression under the current ranges.</summary>
    public Interval Bounds(Expr expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        if (expression.Type == ElementType.F32)
        {
            throw new ArgumentException("interval analysis bounds integer expressions only", nameof(expression));
        }

        return Of(expression);
    }

    internal Interval Of(Expr expression)
    {
        if (expression is IntImm or Var or Load)
        {
            // Cheaper to bound again than to look up.
            return IntervalAnalysis.Compute(expression, this);
        }

        if (!_bounds.TryGetValue(expression, out var bounds))
        {
            bounds = IntervalAnalysis.Compute(expression, this);
            _bounds[expression] = bounds;
        }

        return bounds;
    }

    /// <summary>Affine forms do not depend on the ranges, but forgetting them too keeps both memos as small as one scope's expressions.</summary>
    private void Forget()
    {
        _bounds.Clear();
        _forms.Clear();
    }

    internal AffineForm? Form(Expr expression)
    {
        if (!_forms.TryGetValue(expression, out var form))
        {
            form = AffineForm.Create(expression, _form);
            _forms[expression] = form;
        }

        return form;
    }
}
