namespace MicroTvm.Driver.Output;

/// <summary>What <c>-o</c> receives: the module as text, or generated code in one of four forms.</summary>
public enum OutputFormat
{
    /// <summary>The final module in the .mir text format (the default without -o, and for -o x.mir).</summary>
    Mir,

    /// <summary>A Model Library Format archive (.tar).</summary>
    Mlf,

    /// <summary>A directory with include/ and src/ of the generated C.</summary>
    C,

    /// <summary>One relocatable object (.o) compiled for the target CPU.</summary>
    Object,

    /// <summary>A static library (.a) holding that object.</summary>
    StaticLib,
}
