using System.Xml.Linq;
using Scan.Testing;

namespace Scan.Silo.Tests.Docker;

/// <summary>deploy/docker: what each image builds, what its final stage holds, how it starts, and who it runs as.</summary>
public sealed class DockerfileTests
{
    public static TheoryData<string> Flavours => new() { "cpu", "cuda" };

    [Theory]
    [MemberData(nameof(Flavours))]
    public void Dockerfile_FinalStage_HasNoSdkAndAGlibcxx332Base(string flavour)
    {
        var dockerfile = Dockerfile.Load(flavour);
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0-noble", dockerfile.Stages[0].Image, StringComparison.Ordinal);
        var final = dockerfile.Final;
        Assert.DoesNotContain("/sdk", final.Image, StringComparison.Ordinal);
        Assert.Equal(flavour == "cpu" ? "mcr.microsoft.com/dotnet/aspnet:10.0-noble" : "nvidia/cuda:12.8.1-runtime-ubuntu24.04", final.Image);
        // What the final stage copies from an SDK stage is the publish output only.
        foreach (var copy in final.All("COPY").Where(c => c.StartsWith("--from=", StringComparison.Ordinal)))
        {
            var from = copy.Split(' ')[0]["--from=".Length..];
            var image = dockerfile.Stage(from)?.Image ?? from;
            Assert.True(!image.Contains("/sdk", StringComparison.Ordinal) || copy.Split(' ').Contains("/app"), copy);
        }
    }

    [Theory]
    [MemberData(nameof(Flavours))]
    public void Dockerfile_DotnetInTheImage_HasEveryFrameworkTheClientNeeds(string flavour)
    {
        var dockerfile = Dockerfile.Load(flavour);
        var final = dockerfile.Final;
        // The image whose .NET the final stage runs: its own base, or the stage it copies /usr/share/dotnet from.
        var copied = final.All("COPY").FirstOrDefault(c => c.Contains("/usr/share/dotnet", StringComparison.Ordinal));
        var dotnet = copied is null ? final.Image : dockerfile.Stage(copied.Split(' ')[0]["--from=".Length..])!.Image;
        using var config = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "scan.runtimeconfig.json")));
        var frameworks = config.RootElement.GetProperty("runtimeOptions").GetProperty("frameworks").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToList();

        Assert.Contains("Microsoft.AspNetCore.App", frameworks);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:", dotnet, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Flavours))]
    public void Dockerfile_FinalStage_RunsAsUser10001InApp(string flavour)
    {
        var final = Dockerfile.Load(flavour).Final;
        Assert.Equal("10001", final.Last("USER").Split(':')[0]);
        Assert.Equal("/app", final.Last("WORKDIR"));
        Assert.Contains(final.All("RUN"), r => r.Contains("useradd --uid 10001", StringComparison.Ordinal));
        Assert.True(final.Instructions.FindLastIndex(i => i.Keyword == "USER") > final.Instructions.FindLastIndex(i => i.Keyword == "RUN"),
            "every RUN of the final stage comes before USER");
    }

    [Theory]
    [MemberData(nameof(Flavours))]
    public void Dockerfile_Entrypoint_RunsScanDllWithSiloByDefault(string flavour)
    {
        var final = Dockerfile.Load(flavour).Final;
        Assert.Equal(["dotnet", "/app/scan.dll"], Dockerfile.ExecForm(final.Last("ENTRYPOINT")));
        Assert.Equal(["silo"], Dockerfile.ExecForm(final.Last("CMD")));
    }

    [Theory]
    [MemberData(nameof(Flavours))]
    public void Dockerfile_BuildStage_PublishesTheClientForItsTorchBackend(string flavour)
    {
        var publish = Assert.Single(Dockerfile.Load(flavour).Stages[0].All("RUN"), r => r.Contains("dotnet publish", StringComparison.Ordinal));
        Assert.Contains("dotnet publish src/Scan.Client/Scan.Client.csproj -c Release -o /app", publish, StringComparison.Ordinal);
        Assert.Equal(flavour == "cuda", publish.Contains("-p:ScanTorchBackend=cuda", StringComparison.Ordinal));
        Assert.DoesNotContain("runtimes/linux", publish, StringComparison.Ordinal);
        Assert.DoesNotContain("runtimes/*", publish, StringComparison.Ordinal);
        Assert.True(File.Exists(RepositoryRoot.Combine("src", "Scan.Client", "Scan.Client.csproj")));
    }

    [Theory]
    [MemberData(nameof(Flavours))]
    public void Dockerfile_BuildContext_HoldsEverythingThePublishNeeds(string flavour)
    {
        var copied = Dockerfile.Load(flavour).Stages[0].All("COPY")
            .SelectMany(c => c.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1]).ToHashSet(StringComparer.Ordinal);
        var admitted = File.ReadAllLines(RepositoryRoot.Combine(".dockerignore"))
            .Where(l => l.StartsWith('!')).Select(l => l[1..]).ToHashSet(StringComparer.Ordinal);
        Assert.All(copied, path =>
        {
            Assert.Contains(path, admitted);
            Assert.True(File.Exists(RepositoryRoot.Combine(path)) || Directory.Exists(RepositoryRoot.Combine(path)), path);
        });
        // The client's project references, transitively, all lie under src/, and the build's imports under build/.
        Assert.All(ProjectClosure(RepositoryRoot.Combine("src", "Scan.Client", "Scan.Client.csproj")),
            p => Assert.StartsWith(RepositoryRoot.Combine("src") + Path.DirectorySeparatorChar, p, StringComparison.Ordinal));
        Assert.Contains("build/", copied);
        Assert.Contains("Directory.Build.targets", copied);
    }

    private static HashSet<string> ProjectClosure(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Path.GetFullPath(project)]);
        while (pending.TryPop(out var path))
        {
            if (!seen.Add(path))
            {
                continue;
            }
            foreach (var reference in XDocument.Load(path).Descendants("ProjectReference"))
            {
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, reference.Attribute("Include")!.Value)));
            }
        }
        return seen;
    }
}
