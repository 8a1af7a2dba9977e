namespace MicroTvm.IR.Kernels;

/// <summary>The names kernel IR accepts for kernels, buffers and variables.</summary>
internal static class KernelNames
{
    /// <summary>Letters, digits, '_' and '.', not starting with a digit; backends map them to their own identifiers.</summary>
    public static bool IsValid(string name)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_' && c != '.')
            {
                return false;
            }
        }

        return true;
    }

    public static string Require(string name, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(name, parameterName);
        if (!IsValid(name))
        {
            throw new ArgumentException($"'{name}' is not a valid kernel IR name (letters, digits, '_', '.'; no leading digit)", parameterName);
        }

        return name;
    }
}
