using System.Globalization;

namespace MicroTvm.IR.IO;

/// <summary>The Python dict literal of a .npy header: <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (2, 3), }</c>.</summary>
internal sealed record NpyHeader(string Descr, bool FortranOrder, ImmutableArray<int> Shape)
{
    public static bool TryParse(string text, out NpyHeader header, out string error)
    {
        header = new NpyHeader(string.Empty, false, []);
        var reader = new Reader(text);
        string? descr = null;
        bool? fortran = null;
        ImmutableArray<int>? shape = null;
        if (!reader.Expect('{'))
        {
            error = "expected '{'";
            return false;
        }

        while (!reader.Peek('}'))
        {
            if (reader.ReadString() is not { } key || !reader.Expect(':'))
            {
                error = "expected a quoted key followed by ':'";
                return false;
            }

            switch (key)
            {
                case "descr":
                    descr = reader.ReadString();
                    break;
                case "fortran_order":
                    fortran = reader.ReadWord() switch { "True" => true, "False" => false, _ => null };
                    break;
                case "shape":
                    shape = reader.ReadShape();
                    break;
                default:
                    error = $"unknown key '{key}'";
                    return false;
            }

            if (!reader.Expect(',') && !reader.Peek('}'))
            {
                error = $"expected ',' or '}}' after '{key}'";
                return false;
            }
        }

        if (descr is null || fortran is null || shape is null)
        {
            error = "'descr', 'fortran_order' and 'shape' must all be present and well-formed";
            return false;
        }

        header = new NpyHeader(descr, fortran.Value, shape.Value);
        error = string.Empty;
        return true;
    }

    private sealed class Reader(string text)
    {
        private int _position;

        public bool Peek(char c)
        {
            SkipSpace();
            return _position < text.Length && text[_position] == c;
        }

        public bool Expect(char c)
        {
            if (!Peek(c))
            {
                return false;
            }

            _position++;
            return true;
        }

        public string? ReadString()
        {
            SkipSpace();
            if (_position >= text.Length || text[_position] is not ('\'' or '"'))
            {
                return null;
            }

            var quote = text[_position];
            var end = text.IndexOf(quote, _position + 1);
            if (end < 0)
            {
                return null;
            }

            var value = text[(_position + 1)..end];
            _position = end + 1;
            return value;
        }

        public string ReadWord()
        {
            SkipSpace();
            var start = _position;
            while (_position < text.Length && char.IsLetter(text[_position]))
            {
                _position++;
            }

            return text[start.._position];
        }

        public ImmutableArray<int>? ReadShape()
        {
            if (!Expect('('))
            {
                return null;
            }

            var extents = ImmutableArray.CreateBuilder<int>();
            while (!Expect(')'))
            {
                SkipSpace();
                var start = _position;
                while (_position < text.Length && char.IsAsciiDigit(text[_position]))
                {
                    _position++;
                }

                if (start == _position || _position - start > 10
                    || !int.TryParse(text.AsSpan(start, _position - start), NumberStyles.None, CultureInfo.InvariantCulture, out var extent))
                {
                    return null;
                }

                extents.Add(extent);
                if (!Expect(',') && !Peek(')'))
                {
                    return null;
                }
            }

            return extents.ToImmutable();
        }

        private void SkipSpace()
        {
            while (_position < text.Length && char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }
        }
    }
}
