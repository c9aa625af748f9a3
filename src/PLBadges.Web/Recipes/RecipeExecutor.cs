using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PLBadges.Abstractions.Recipes;
using PLBadges.Data;

namespace PLBadges.Web.Recipes;

/// <summary>
/// Applies a recipe in one transaction: each step goes to the handler of its name; a failing step
/// stops the recipe, rolls everything back, and the message names the step.
/// </summary>
public sealed class RecipeExecutor(
    PLBadgesDbContext db,
    IEnumerable<IRecipeStep> steps,
    IOptions<RecipeOptions> options,
    Microsoft.AspNetCore.DataProtection.IDataProtectionProvider protection,
    ILogger<RecipeExecutor> logger)
{
    public const string DemoPasswordVariable = "DemoPassword";
    public const string DefaultDemoPassword = "Demo-Passw0rd!";

    public async Task ApplyAsync(Recipe recipe, CancellationToken cancellationToken)
    {
        var handlers = steps.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);
        var unknown = recipe.Steps.Select(s => s.GetProperty("name").GetString()!).Where(n => !handlers.ContainsKey(n)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            throw new RecipeException($"Recipe '{recipe.Name}' uses step(s) no enabled module handles: {string.Join(", ", unknown)}. Known steps: {string.Join(", ", handlers.Keys.Order())}.");
        }

        var context = new RecipeContext(recipe.Name, recipe.SourceFolder, Variables());
        // A step that encrypts (a sign-in provider's secret) on a new site would create the key ring's first
        // key inside the recipe's transaction, through another connection, which SQLite's write lock blocks:
        // the key is made now, before the transaction.
        protection.CreateProtector("PLBadges.Recipes").Protect([]);
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var index = 0;
            foreach (var step in recipe.Steps)
            {
                index++;
                var name = step.GetProperty("name").GetString()!;
                try
                {
                    await handlers[name].ExecuteAsync(step, context, cancellationToken);
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    throw new RecipeException($"Recipe '{recipe.Name}', step {index} '{name}' failed: {ex.Message}", ex);
                }
            }

            await transaction.CommitAsync(cancellationToken);
        });
        logger.LogInformation("Applied recipe {Recipe} ({Steps} steps)", recipe.Name, recipe.Steps.Count);
    }

    private Dictionary<string, string> Variables()
    {
        var variables = new Dictionary<string, string>(options.Value.Variables, StringComparer.OrdinalIgnoreCase);
        if (!variables.ContainsKey(DemoPasswordVariable))
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("PLBADGES_DEMO_PASSWORD");
            variables[DemoPasswordVariable] = string.IsNullOrEmpty(fromEnvironment) ? DefaultDemoPassword : fromEnvironment;
        }

        return variables;
    }
}

/// <summary>Applies a recipe by name or JSON, for the host at first run and for tests and tools.</summary>
public static class RecipeExecutorExtensions
{
    public static Task ApplyJsonAsync(this RecipeExecutor executor, string json, CancellationToken cancellationToken = default) =>
        executor.ApplyAsync(Recipe.Parse(json, "inline recipe", null), cancellationToken);

    public static JsonElement Property(this JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value : default;
}
