using System.Text.Json.Nodes;

namespace Scan.Silo.Tests.Kubernetes;

/// <summary>
/// The part of Kubernetes' strategic merge patch that the overlays use: maps merge key by key, a null value
/// removes its key, lists whose items all carry a "name" (containers, env, volumes, ports) merge item by item
/// on that name, and any other list or value is replaced.
/// </summary>
internal static class StrategicMerge
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        switch (target, patch)
        {
            case (JsonObject targetObject, JsonObject patchObject):
                var merged = (JsonObject)targetObject.DeepClone();
                foreach (var (key, value) in patchObject)
                {
                    if (value is null)
                    {
                        merged.Remove(key);
                    }
                    else
                    {
                        merged[key] = Apply(merged[key], value);
                    }
                }
                return merged;
            case (JsonArray targetArray, JsonArray patchArray) when Named(targetArray) && Named(patchArray):
                var items = targetArray.Select(item => item!.DeepClone()).ToList();
                foreach (var item in patchArray)
                {
                    var index = items.FindIndex(existing => NameOf(existing) == NameOf(item));
                    if (index >= 0)
                    {
                        items[index] = Apply(items[index], item)!;
                    }
                    else
                    {
                        items.Add(item!.DeepClone());
                    }
                }
                return new JsonArray([.. items]);
            default:
                return patch?.DeepClone();
        }
    }

    private static bool Named(JsonArray array) => array.All(item => NameOf(item) is not null);

    private static string? NameOf(JsonNode? item) =>
        item is JsonObject o && o.TryGetPropertyValue("name", out var name) && name is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;
}
