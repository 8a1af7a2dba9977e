using System.Buffers.Binary;
using MicroTvm.IR.Kernels;
using static MicroTvm.IR.Kernels.KernelSyntax;

namespace MicroTvm.IR.Testing;

/// <summary>
/// Builds a random well-typed kernel from a seed: loop nests up to three deep over small buffers,
/// affine indices kept in bounds by construction (sometimes through clamps and remainders, to
/// exercise the verifier's interval analysis), locals, branches, and expressions of every type
/// using every operator and intrinsic. Operands are biased away from undefined behaviour
/// (divisors are non-zero immediates, shifted values are masked), but some kernels still hit
/// it; the evaluator reports those and the differential test sets them aside. With awkward
/// names, buffers and variables are sometimes named by words the text format must quote or take
/// as names (true, nan, cast, for, in, q, _ …), drawn from a second stream so that the kernel
/// is otherwise the same.
/// </summary>
public sealed partial class RandomKernelBuilder
{
    private static readonly ElementType[] BufferTypes =
        [ElementType.I8, ElementType.U8, ElementType.I16, ElementType.I32, ElementType.I64, ElementType.F32, ElementType.Bool];

    private static readonly ElementType[] LocalTypes = [ElementType.I32, ElementType.I32, ElementType.I64, ElementType.F32, ElementType.Bool, ElementType.I8];

    /// <summary>Keywords and literal words of the .mir syntax, and names that need quoting there.</summary>
    private static readonly string[] AwkwardNames =
        ["true", "false", "nan", "inf", "cast", "saturate", "for", "in", "var", "if", "else", "unroll", "q", "_", ".x", "kernel", "select", "exp", "i32"];

    private readonly Random _random;
    private readonly Random? _names;
    private readonly HashSet<string> _usedNames = new(StringComparer.Ordinal);
    private readonly List<KernelBuffer> _buffers = [];
    private readonly List<Var> _locals = [];
    private readonly List<(Var Variable, int Extent)> _loops = [];
    private int _nextName;

    private RandomKernelBuilder(int seed, bool awkwardNames)
    {
        _random = new Random(seed);
        _names = awkwardNames ? new Random(~seed) : null;
    }

    public static KernelCase Build(int seed, string name, bool awkwardNames = false)
    {
        var builder = new RandomKernelBuilder(seed, awkwardNames);
        return builder.BuildCase(seed, name);
    }

    private KernelCase BuildCase(int seed, string name)
    {
        var inputs = _random.Next(1, 4);
        for (var i = 0; i < inputs; i++)
        {
            AddBuffer(i == 0 && _random.Next(4) == 0 ? "in.0" : $"in{i}", BufferRole.Input);
        }

        if (_random.Next(2) == 0)
        {
            AddBuffer("w", BufferRole.Constant);
        }

        AddBuffer("out", BufferRole.Output);
        if (_random.Next(3) == 0)
        {
            AddBuffer("out2", BufferRole.Output);
        }

        if (_random.Next(3) == 0)
        {
            AddBuffer("tmp", BufferRole.Workspace);
        }

        var body = Block(depth: 0, statements: _random.Next(1, 4));
        var function = new KernelFunction(name, [.. _buffers], body);
        var data = _buffers.ToDictionary(b => b.Name, InitialContents);
        var statics = _buffers.Where(b => b.Role == BufferRole.Constant && _random.Next(2) == 0).Select(b => b.Name).ToHashSet();
        return new KernelCase(seed, function, data, statics);
    }

    private void AddBuffer(string name, BufferRole role)
    {
        var type = Pick(BufferTypes);
        var alignment = _random.Next(4) == 0 ? 16 : 0;
        _buffers.Add(new KernelBuffer(Rename(name), type, _random.Next(1, 17), role, alignment));
    }

    private Stmt Block(int depth, int statements)
    {
        var localsBefore = _locals.Count;
        var list = new List<Stmt>();
        for (var i = 0; i < statements; i++)
        {
            list.Add(Statement(depth));
        }

        // Always write something, so that every kernel has an observable effect.
        if (depth == 0)
        {
            list.Add(Loop(_buffers.First(b => b.Role == BufferRole.Output)));
        }

        _locals.RemoveRange(localsBefore, _locals.Count - localsBefore);
        return list.Count == 1 && _random.Next(2) == 0 ? list[0] : Seq([.. list]);
    }

    private Stmt Statement(int depth)
    {
        var choice = _random.Next(10);
        if (choice < 3 && _loops.Count < 3 && depth < 4)
        {
            var variable = I32Var(FreshName("i"));
            var extent = _random.Next(1, 5);
            _loops.Add((variable, extent));
            var body = Block(depth + 1, _random.Next(1, 4));
            _loops.RemoveAt(_loops.Count - 1);
            return new For(variable, extent, body, unroll: _random.Next(4) == 0);
        }

        if (choice < 5)
        {
            var type = Pick(LocalTypes);
            var local = new Var(FreshName(_random.Next(8) == 0 ? "int" : "v"), type);
            var init = Expression(type, 3);
            _locals.Add(local);
            return new Declare(local, init);
        }

        if (choice < 6 && _locals.Count > 0)
        {
            var local = Pick(_locals);
            return new Assign(local, Expression(local.Type, 3));
        }

        if (choice < 7 && depth < 4)
        {
            var condition = Expression(ElementType.Bool, 2);
            var then = Block(depth + 1, _random.Next(1, 3));
            var otherwise = _random.Next(2) == 0 ? Block(depth + 1, 1) : null;
            return new If(condition, then, otherwise);
        }

        return StoreTo(Pick(_buffers.Where(b => b.IsWritable).ToList()));
    }

    private Stmt Loop(KernelBuffer output)
    {
        var variable = I32Var(FreshName("o"));
        _loops.Add((variable, output.Count));
        var store = new Store(output, variable, Expression(output.ElementType, 3));
        _loops.RemoveAt(_loops.Count - 1);
        return new For(variable, output.Count, store);
    }

    private Store StoreTo(KernelBuffer buffer) => new(buffer, Index(buffer.Count), Expression(buffer.ElementType, 3));

    private string FreshName(string prefix) => Rename($"{prefix}{_nextName++}");

    /// <summary>The name, or with awkward names sometimes an unused awkward word instead.</summary>
    private string Rename(string name)
    {
        if (_names is not null && _names.Next(3) == 0)
        {
            var word = AwkwardNames[_names.Next(AwkwardNames.Length)];
            if (_usedNames.Add(word))
            {
                return word;
            }
        }

        var unique = name;
        while (!_usedNames.Add(unique))
        {
            unique += "_";
        }

        return unique;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private byte[] InitialContents(KernelBuffer buffer)
    {
        var size = buffer.ElementType.ByteSize();
        var bytes = new byte[buffer.ByteSize];
        for (var i = 0; i < buffer.Count; i++)
        {
            var element = bytes.AsSpan(i * size, size);
            switch (buffer.ElementType)
            {
                case ElementType.F32:
                    BinaryPrimitives.WriteSingleLittleEndian(element, RandomFloat());
                    break;
                case ElementType.Bool:
                    element[0] = (byte)_random.Next(2);
                    break;
                default:
                    var value = RandomInteger(buffer.ElementType);
                    for (var b = 0; b < size; b++)
                    {
                        element[b] = (byte)(value >> (8 * b));
                    }

                    break;
            }
        }

        return bytes;
    }
}
