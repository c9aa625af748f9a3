using System.Text.Json;
using PLBadges.Abstractions.Recipes;
using PLBadges.Data.Settings;
using PLBadges.Web.Hosting;

namespace PLBadges.Web.Recipes;

/// <summary>"Modules": { "enable": ["Pathways", ...] } switches on exactly the listed modules (core modules stay on).</summary>
internal sealed class ModulesRecipeStep(ModuleCatalog catalog, SiteSettings settings, ModuleState state) : IRecipeStep
{
    public string Name => "Modules";

    public async Task ExecuteAsync(JsonElement step, RecipeContext context, CancellationToken cancellationToken)
    {
        if (!step.TryGetProperty("enable", out var enable) || enable.ValueKind != JsonValueKind.Array)
        {
            throw new RecipeException("The Modules step needs an \"enable\" array of module names.");
        }

        var names = enable.EnumerateArray().Select(e => e.GetString() ?? "").ToList();
        var unknown = names.Where(n => catalog.Modules.All(m => !string.Equals(m.Name, n, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0)
        {
            throw new RecipeException($"Unknown module(s): {string.Join(", ", unknown)}. Known modules: {string.Join(", ", catalog.Modules.Select(m => m.Name))}.");
        }

        var enabled = catalog.Modules.Where(m => m.IsCore || names.Contains(m.Name, StringComparer.OrdinalIgnoreCase)).ToList();
        foreach (var module in enabled)
        {
            var missing = module.Dependencies.Where(d => enabled.All(e => !string.Equals(e.Name, d, StringComparison.OrdinalIgnoreCase))).ToList();
            if (missing.Count > 0)
            {
                throw new RecipeException($"Module '{module.Name}' needs {string.Join(", ", missing)} switched on too.");
            }
        }

        await settings.SetAsync(ModuleState.SettingKey, enabled.Select(m => m.Name).ToArray(), cancellationToken);
        state.Invalidate();
    }
}
