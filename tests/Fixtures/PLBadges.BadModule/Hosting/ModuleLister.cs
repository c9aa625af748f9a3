using PLBadges.Web.Hosting;

namespace PLBadges.BadModule.Hosting;

/// <summary>Breaks rule 3: a module (or Abstractions, or Data) must not depend on the host.</summary>
public sealed class ModuleLister(ModuleCatalog catalog)
{
    public IReadOnlyList<string> Names() => catalog.Modules.Select(m => m.Name).ToList();
}
