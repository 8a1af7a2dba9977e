using System.Formats.Tar;

namespace MicroTvm.Driver.Output;

/// <summary>
/// Writes files as a ustar archive that depends only on their paths and contents: entries
/// sorted by path (ordinal), with their parent directories; a fixed modification time, owner 0:0
/// without user or group names, mode 0644 for files and 0755 for directories. Nothing of the host
/// (times, users, absolute paths) reaches the archive, so the same files give the same bytes.
/// </summary>
internal static class ReproducibleTar
{
    /// <summary>2000-01-01T00:00:00Z: fixed, and after 1980 so that zip-minded tools do not complain.</summary>
    private static readonly DateTimeOffset FixedTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static void Write(Stream stream, IReadOnlyDictionary<string, byte[]> files)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in files.Keys)
        {
            if (path.StartsWith('/') || path.Split('/').Any(part => part is "" or "." or ".."))
            {
                throw new ArgumentException($"'{path}' is not a relative path without '.' or '..' parts", nameof(files));
            }

            paths.Add(path);
            for (var slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1))
            {
                paths.Add(path[..(slash + 1)]);
            }
        }

        using var writer = new TarWriter(stream, TarEntryFormat.Ustar, leaveOpen: true);
        foreach (var path in paths)
        {
            var isDirectory = path.EndsWith('/');
            var entry = new UstarTarEntry(isDirectory ? TarEntryType.Directory : TarEntryType.RegularFile, path)
            {
                ModificationTime = FixedTime,
                Uid = 0,
                Gid = 0,
                UserName = string.Empty,
                GroupName = string.Empty,
                Mode = isDirectory
                    ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute
                    : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            };
            if (!isDirectory)
            {
                entry.DataStream = new MemoryStream(files[path], writable: false);
            }

            writer.WriteEntry(entry);
        }
    }
}
