using Augment.Core;
using Augment.Tests.Data;

namespace Augment.Tests.Core;

/// <summary>The commit beside every figure is the one the code was built from, stamped by the SDK (issue 11 item 6).</summary>
public class MachineInfoTests
{
    [Theory]
    [InlineData("1.0.0+e3764b80e677035726c120bd390c72389211fc49", "e3764b80e677")]
    [InlineData("1.0.0+e3764b80e677035726c120bd390c72389211fc49-dirty", "e3764b80e677-dirty")]   // uncommitted changes in the build's tree
    [InlineData("1.0.0", "unknown")]   // built outside git: no source revision
    [InlineData("1.0.0+abc", "unknown")]
    [InlineData("1.0.0+not-a-commit-id", "unknown")]
    [InlineData(null, "unknown")]
    public void TheCommitIsReadFromTheInformationalVersion(string? version, string commit) =>
        Assert.Equal(commit, MachineInfo.CommitOf(version));

    [Fact]
    public void ABuildInsideGitKnowsItsCommit()
    {
        if (!Path.Exists(Path.Combine(DataPaths.RepoRoot(), ".git"))) return;   // a source export: "unknown" is right there
        Assert.Matches("^[0-9a-f]{12}(-dirty)?$", MachineInfo.BuildCommit);
        Assert.Equal(MachineInfo.BuildCommit, MachineInfo.Current(1).GitCommit);
    }
}
