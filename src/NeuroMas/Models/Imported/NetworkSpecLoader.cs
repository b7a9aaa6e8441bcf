using Microsoft.Extensions.Configuration;

namespace NeuroMas.Models.Imported;

/// <summary>Reads a <see cref="NetworkSpec"/> from YAML (or JSON), rejecting unknown keys and listing every problem at once.</summary>
public static class NetworkSpecLoader
{
    public static NetworkSpec Load(string path)
    {
        if (!File.Exists(path)) throw new InputException($"{path}: network spec: expected a file, found none");
        var extension = Path.GetExtension(path).ToLowerInvariant();
        var builder = new ConfigurationBuilder();
        var full = Path.GetFullPath(path);
        NetworkSpec spec;
        try
        {
            _ = extension switch
            {
                ".yaml" or ".yml" => builder.AddYamlFile(full, optional: false, reloadOnChange: false),
                ".json" => builder.AddJsonFile(full, optional: false, reloadOnChange: false),
                _ => throw new InputException($"{path}: network spec: expected a .yaml, .yml or .json file, found '{extension}'"),
            };
            // Every key is one word, so the binder's own check names an unknown (e.g. typo'd) key.
            spec = builder.Build().Get<NetworkSpec>(o => o.ErrorOnUnknownConfiguration = true) ?? new NetworkSpec();
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or InvalidOperationException)
        {
            throw new InputException($"{path}: network spec: {FirstLine(e.Message)}", e);
        }
        var problems = spec.Validate();
        if (problems.Count > 0) throw new InputException($"{path}: {string.Join("; ", problems)}");
        return spec;
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
