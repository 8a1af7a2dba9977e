namespace MicroTvm.Driver.Micro;

/// <summary>One run of a project's firmware: the index of the model in the project and its inputs' raw bytes, concatenated in descriptor order.</summary>
public sealed record PlannedRun(int Model, byte[] Inputs);
