using System.CommandLine;
using System.Text.RegularExpressions;
using Scan.Client.Output;
using Scan.Testing;

namespace Scan.Client.Tests;

/// <summary>
/// Every <c>scan</c> command line in README.md (code spans and code blocks) names a command that exists and only
/// options that command has, so the documentation cannot drift from <c>--help</c>.
/// </summary>
public sealed partial class ReadmeCommandsTests
{
    [Fact]
    public void Readme_EveryScanCommandLine_NamesExistingCommandsAndTheirOptions()
    {
        var root = ScanCli.Build(new ScanConsole(TextWriter.Null, TextWriter.Null, interactive: false));
        var lines = CommandLines(File.ReadAllText(RepositoryRoot.Combine("README.md"))).ToList();
        var problems = new List<string>();

        foreach (var line in lines)
        {
            var tokens = line.Replace("\\|", "|", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(token => token.Trim('[', ']', '(', ')', ',', ';', '`')).Where(token => token.Length > 0).ToList();
            Command command = root;
            var at = 1;
            for (; at < tokens.Count; at++)
            {
                var name = tokens[at].Split('|')[0];
                if (command.Subcommands.FirstOrDefault(sub => sub.Name == name) is not { } sub)
                {
                    break;
                }
                command = sub;
            }
            if (command == root)
            {
                if (at < tokens.Count && tokens[at] is not ("COMMAND" or "…") && !tokens[at].StartsWith('-'))
                {
                    problems.Add($"`{line}`: no command '{tokens[at]}'");
                }
                continue;
            }
            if (command.Name == "silo")
            {
                continue;
            }
            var options = command.Options.SelectMany(option => option.Aliases.Append(option.Name)).ToHashSet();
            foreach (var option in tokens.Skip(at).Where(token => token.StartsWith('-') && token.Length > 1 && token != "-"))
            {
                var name = option.Split('=', '|')[0];
                if (!options.Contains(name) && name is not ("--help" or "-h" or "-?"))
                {
                    problems.Add($"`{line}`: scan {command.Name} has no option {name}");
                }
            }
        }

        Assert.True(lines.Count > 40, $"found only {lines.Count} command lines in README.md");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>The scan command lines of a Markdown text: code spans, and lines of code blocks, that start with scan or ./scan.</summary>
    private static IEnumerable<string> CommandLines(string markdown)
    {
        foreach (Match span in CodeSpan().Matches(markdown))
        {
            yield return span.Groups[1].Value;
        }
        var inBlock = false;
        foreach (var line in markdown.Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inBlock = !inBlock;
            }
            else if (inBlock)
            {
                foreach (var part in line.Split("; ", StringSplitOptions.TrimEntries))
                {
                    if (part.StartsWith("scan ", StringComparison.Ordinal) || part.StartsWith("./scan ", StringComparison.Ordinal))
                    {
                        yield return part.Split('#')[0].TrimEnd('\\', ' ');
                    }
                }
            }
        }
    }

    [GeneratedRegex(@"`((?:\./)?scan [^`]+)`")]
    private static partial Regex CodeSpan();
}
