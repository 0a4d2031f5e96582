using System.Text.Json;
using Scan.Testing;

namespace Scan.Silo.Tests.Docker;

/// <summary>A Dockerfile read as stages of instructions (comments dropped, backslash continuations joined).</summary>
internal sealed record Dockerfile(IReadOnlyList<DockerStage> Stages)
{
    public DockerStage Final => Stages[^1];

    public static Dockerfile Load(string flavour)
    {
        var lines = new List<string>();
        var pending = "";
        foreach (var raw in File.ReadAllLines(RepositoryRoot.Combine("deploy", "docker", $"Dockerfile.{flavour}")))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && pending.Length == 0))
            {
                continue;
            }
            pending += line.EndsWith('\\') ? line[..^1] + " " : line;
            if (!line.EndsWith('\\'))
            {
                lines.Add(pending.Trim());
                pending = "";
            }
        }
        var stages = new List<DockerStage>();
        foreach (var line in lines.Where(l => l.Length > 0))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var (keyword, rest) = (line[..space].ToUpperInvariant(), line[(space + 1)..].Trim());
            if (keyword == "FROM")
            {
                var words = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                stages.Add(new DockerStage(words[0], words.Length == 3 ? words[2] : null, []));
            }
            else
            {
                stages[^1].Instructions.Add((keyword, rest));
            }
        }
        return new Dockerfile(stages);
    }

    public DockerStage? Stage(string name) => Stages.SingleOrDefault(s => s.Name == name);

    /// <summary>An exec-form instruction's arguments (ENTRYPOINT ["a", "b"]).</summary>
    public static string[] ExecForm(string value) => JsonSerializer.Deserialize<string[]>(value)
        ?? throw new InvalidDataException($"not exec form: {value}");
}

internal sealed record DockerStage(string Image, string? Name, List<(string Keyword, string Value)> Instructions)
{
    public IEnumerable<string> All(string keyword) => Instructions.Where(i => i.Keyword == keyword).Select(i => i.Value);

    public string Last(string keyword) => All(keyword).Last();
}
