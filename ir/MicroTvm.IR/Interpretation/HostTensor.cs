using System.Diagnostics;

namespace MicroTvm.IR.Interpretation;

/// <summary>
/// A tensor while the interpreter runs: its type and its stored values (raw quantized integers
/// for quantized types) widened to double. Double holds every f32, i8…i32 and bool value
/// exactly, and i64 up to 2^53, which keeps data-movement kernels independent of element type.
/// </summary>
internal sealed class HostTensor
{
    public HostTensor(TensorType type, double[] values)
    {
        Debug.Assert(values.Length == type.ElementCount, "values must match the type's element count");
        Type = type;
        Values = values;
    }

    public TensorType Type { get; }

    public double[] Values { get; }

    public ImmutableArray<int> Shape => Type.Shape;

    public int Length => Values.Length;

    public static HostTensor FromData(TensorData data, TensorType type)
    {
        var values = new double[data.Type.ElementCount];
        if (data.Type.ElementType == ElementType.F32)
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = data.GetSingle(i);
            }
        }
        else
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = data.GetInt64(i);
            }
        }

        return new HostTensor(type, values);
    }

    /// <summary>Brings computed values into the storage domain of <paramref name="type"/> (f32 rounding; integer truncation and wrap-around) in place.</summary>
    public static HostTensor Stored(TensorType type, double[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Storage.Normalize(type.ElementType, values[i]);
        }

        return new HostTensor(type, values);
    }

    public TensorData ToData()
    {
        if (Type.ElementType == ElementType.F32)
        {
            var singles = new float[Values.Length];
            for (var i = 0; i < singles.Length; i++)
            {
                singles[i] = (float)Values[i];
            }

            return TensorData.FromSingles(Type, singles);
        }

        var integers = new long[Values.Length];
        for (var i = 0; i < integers.Length; i++)
        {
            integers[i] = (long)Values[i];
        }

        return TensorData.FromInt64s(Type, integers);
    }
}
