namespace MicroTvm.Passes;

public readonly record struct StatisticValue(string Name, long Value);
