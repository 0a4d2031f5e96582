using System.Text.Json.Nodes;

namespace Scan.Silo.Tests.Kubernetes;

/// <summary>The test renderer itself: the overlay tests are only as good as its merge and image rules.</summary>
public sealed class KustomizeTests
{
    [Fact]
    public void StrategicMerge_NamedListItems_MergeByNameAndKeepTheRest()
    {
        var target = JsonNode.Parse("""{"containers":[{"name":"a","image":"x","ports":[1]},{"name":"b","image":"y"}],"replicas":4}""");
        var patch = JsonNode.Parse("""{"containers":[{"name":"b","resources":{"limits":{"gpu":"1"}}},{"name":"c"}]}""");
        var merged = StrategicMerge.Apply(target, patch)!;
        Assert.Equal(4, merged["replicas"]!.GetValue<int>());
        var containers = merged["containers"]!.AsArray();
        Assert.Equal(["a", "b", "c"], containers.Select(c => c!["name"]!.GetValue<string>()));
        Assert.Equal("y", containers[1]!["image"]!.GetValue<string>());
        Assert.Equal("1", containers[1]!["resources"]!["limits"]!["gpu"]!.GetValue<string>());
    }

    [Fact]
    public void StrategicMerge_UnnamedListAndNull_ReplaceAndRemove()
    {
        var target = JsonNode.Parse("""{"args":["silo","--x"],"keep":1,"drop":2}""");
        var merged = StrategicMerge.Apply(target, JsonNode.Parse("""{"args":["train"],"drop":null}"""))!.AsObject();
        Assert.Equal(["train"], merged["args"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.False(merged.ContainsKey("drop"));
        Assert.Equal(1, merged["keep"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("scancluster/scan:cpu", "scancluster/scan:cuda")]
    [InlineData("scancluster/scan", "scancluster/scan:cuda")]
    [InlineData("registry:5000/scancluster/scan", "registry:5000/scancluster/scan")]
    [InlineData("redis:7.4", "redis:7.4")]
    public void Kustomize_Image_ReplacesTheTagOfTheNamedImageOnly(string reference, string expected) =>
        Assert.Equal(expected, Kustomize.ReplaceImage(reference, new KustomizationImage { Name = "scancluster/scan", NewTag = "cuda" }));
}
