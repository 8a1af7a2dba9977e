namespace MicroTvm.IR;

/// <summary>Computes the result types of a node, or returns default after reporting errors on the context.</summary>
public delegate ImmutableArray<TensorType> TypeInference(InferenceContext context);
