namespace HeadlessPortal.Architecture.Tests;

/// <summary>The repository's C# source files, for tests that read the code itself.</summary>
internal static class SourceFiles
{
    public static string Root { get; } = FindRoot();

    /// <summary>The .cs files under <c>src</c>, as paths relative to the repository with forward slashes, without build output.</summary>
    public static IEnumerable<string> UnderSrc() =>
        Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Root, path).Replace('\\', '/'))
            .Where(path => !path.Contains("/bin/", StringComparison.Ordinal) && !path.Contains("/obj/", StringComparison.Ordinal));

    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "HeadlessPortal.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("HeadlessPortal.sln not found above the test directory.");
    }
}
