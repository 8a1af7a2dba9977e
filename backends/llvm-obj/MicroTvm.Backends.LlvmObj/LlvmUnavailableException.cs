namespace MicroTvm.Backends.LlvmObj;

/// <summary>libLLVM is not installed (or not version 14); the message names the Debian package to install.</summary>
public sealed class LlvmUnavailableException(string message) : Exception(message);
