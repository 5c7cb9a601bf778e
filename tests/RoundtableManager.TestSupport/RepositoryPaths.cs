namespace RoundtableManager.TestSupport;

/// <summary>Where the checkout the tests run from is: the folder holding RoundtableManager.sln above the build output.</summary>
public static class RepositoryPaths
{
    public static string Root
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "RoundtableManager.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException("Cannot find the repository root (RoundtableManager.sln) above " + AppContext.BaseDirectory);
        }
    }
}
