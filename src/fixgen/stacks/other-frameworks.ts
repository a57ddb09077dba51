/** Go (rs/cors), Rails (rack-cors), Laravel, Spring Boot and ASP.NET Core. */
import { allowlistRegex, patternRegex, q, qList, ruleRegex, sqList } from '../origins.js';
import type { Policy, StackGenerator } from '../types.js';

export const go: StackGenerator = {
  id: 'go',
  title: 'Go (rs/cors)',
  group: 'go',
  render(p) {
    const o: string[] = [];
    let vars = '';
    if (p.anyOrigin) o.push('\t\tAllowedOrigins:   []string{"*"},');
    else {
      const re = patternRegex(p);
      vars = `// Exact origins, and one anchored pattern for the wildcard entries.
var allowedOrigins = map[string]bool{${p.exact.map((x) => `${q(x)}: true`).join(', ')}}
${re !== null ? `var allowedOriginPattern = regexp.MustCompile(\`${re}\`)\n` : ''}
`;
      o.push(`\t\t// rs/cors ignores AllowedOrigins when AllowOriginFunc is set: this func is the whole allowlist.`);
      o.push(`\t\tAllowOriginFunc: func(origin string) bool {\n\t\t\treturn allowedOrigins[origin]${re !== null ? ' || allowedOriginPattern.MatchString(origin)' : ''}\n\t\t},`);
    }
    if (p.credentials) o.push('\t\tAllowCredentials: true,');
    o.push(`\t\tAllowedMethods:   []string{${qList(p.methods)}},`);
    o.push(`\t\tAllowedHeaders:   []string{${qList(p.requestHeaders)}},`);
    if (p.exposeHeaders.length) o.push(`\t\tExposedHeaders:   []string{${qList(p.exposeHeaders)}},`);
    if (p.maxAge !== undefined) o.push(`\t\tMaxAge:           ${p.maxAge},`);
    const content = `package main

import (
	"net/http"
${vars.includes('regexp') ? '\t"regexp"\n' : ''}
	"github.com/rs/cors"
)

${vars}// withCORS wraps your outermost handler (router included), so every response, 404s and
// errors included, passes through it, and preflights are answered before routing.
func withCORS(h http.Handler) http.Handler {
	return cors.New(cors.Options{
${o.join('\n')}
	}).Handler(h)
}

// In main: http.ListenAndServe(addr, withCORS(mux))
`;
    return {
      files: [{ path: 'cors.go', language: 'go', content }],
      assumptions: ['Go 1.19+ with github.com/rs/cors 1.7+ (`go get github.com/rs/cors`)', 'net/http or any router that is an http.Handler (chi, gorilla/mux, ...)'],
      placement: 'cors.go in your main package; wrap the outermost handler: `withCORS(mux)`.',
      pitfalls: [
        'AllowOriginFunc carries the whole allowlist (rs/cors ignores AllowedOrigins when it is set)',
        'the pattern is anchored (regexp.MatchString is a substring search otherwise)',
        'wraps the whole router, so 404s and panics-turned-500s from inner middleware keep the headers',
      ],
      warnings: p.requestHeaders.length === 0 ? ['rs/cors treats an empty AllowedHeaders as its default list (Accept, Content-Type, X-Requested-With, and Origin in 1.7): those remain allowed'] : [],
    };
  },
};

export const rails: StackGenerator = {
  id: 'rails',
  title: 'Ruby on Rails (rack-cors)',
  group: 'ruby',
  render(p) {
    const origins = p.anyOrigin ? `"*"` : p.rules.map((r) => (r.kind === 'exact' ? q(r.origin) : `%r{\\A${ruleRegex(r)}\\z}`)).join(',\n            ');
    const opts: string[] = [];
    opts.push(`      headers: [${qList(p.requestHeaders)}], # never :any, which reflects every requested header`);
    opts.push(`      methods: [${p.methods.map((m) => (/^[A-Z]+$/.test(m) ? `:${m.toLowerCase()}` : q(m))).join(', ')}],`);
    if (p.exposeHeaders.length) opts.push(`      expose: [${qList(p.exposeHeaders)}],`);
    if (p.credentials) opts.push('      credentials: true,');
    opts.push(`      max_age: ${p.maxAge ?? 5}${p.maxAge === undefined ? ' # the browser default; rack-cors sends 7200 when omitted' : ''}`);
    const content = `# config/initializers/cors.rb
# insert_before 0: the outermost middleware, so preflights are answered before anything else
# and error pages rendered by inner middleware (ShowExceptions, auth) keep the CORS headers.
Rails.application.config.middleware.insert_before 0, Rack::Cors do
  allow do
    origins ${origins}
    resource "*",
${opts.join('\n')}
  end
end
`;
    return {
      files: [{ path: 'config/initializers/cors.rb', language: 'ruby', content }],
      assumptions: ['Rails 5+ with the rack-cors gem 1.1+ (`gem "rack-cors"` in the Gemfile); any Rack app takes the same `allow` block'],
      placement: 'config/initializers/cors.rb (replace the commented-out file Rails generates).',
      pitfalls: [
        'inserted at position 0, so errors rendered by inner middleware keep the CORS headers',
        'regexes anchored with \\A and \\z (Ruby\'s ^ and $ match at line breaks)',
        '`headers:` lists names instead of `:any`; `max_age` set explicitly (rack-cors defaults to 7200)',
      ],
      warnings: [],
    };
  },
};

export const laravel: StackGenerator = {
  id: 'laravel',
  title: 'Laravel (config/cors.php)',
  group: 'php',
  render(p) {
    const patterns = p.patterns.map((r) => `'#^${ruleRegex(r)}\\z#'`);
    const content = `<?php

// config/cors.php — read by Laravel's built-in HandleCors middleware (global, runs first).
return [
    'paths' => ['*'],
    'allowed_methods' => [${sqList(p.methods)}],
    'allowed_origins' => [${p.anyOrigin ? `'*'` : sqList(p.exact)}],
    'allowed_origins_patterns' => [${patterns.join(', ')}],
    'allowed_headers' => [${sqList(p.requestHeaders)}],
    'exposed_headers' => [${sqList(p.exposeHeaders)}],
    'max_age' => ${p.maxAge ?? 5},${p.maxAge === undefined ? ' // the browser default; 0 would disable preflight caching' : ''}
    'supports_credentials' => ${p.credentials ? 'true' : 'false'},
];
`;
    return {
      files: [{ path: 'config/cors.php', language: 'php', content }],
      assumptions: ['Laravel 9+ (HandleCors built in, from fruitcake/php-cors); on Laravel 11+ create the file with `php artisan config:publish cors`', '`paths` covers every route — narrow it to e.g. `[\'api/*\']` if you prefer'],
      placement: 'config/cors.php; keep `\\Illuminate\\Http\\Middleware\\HandleCors` in the global middleware (the default).',
      pitfalls: [
        'HandleCors is global middleware, so responses rendered by the exception handler pass back through it',
        'patterns are full PCRE with delimiters and anchors (`#^...\\z#`), exact origins listed separately',
        '`allowed_headers` lists names instead of `*`',
      ],
      warnings: [],
    };
  },
};

/** Spring's origin-pattern syntax: `*` in the host, `[*]` for any port. */
function springPattern(r: Policy['patterns'][number]): string {
  const port = (p: string): string => (p === '' ? '' : p === '*' ? ':[*]' : `:${p}`);
  return r.kind === 'subdomain' ? `${r.scheme}://*.${r.suffix}${port(r.port)}` : `${r.scheme}://${r.host}:[*]`;
}

export const spring: StackGenerator = {
  id: 'spring',
  title: 'Spring Boot (CorsFilter)',
  group: 'jvm',
  render(p) {
    const set: string[] = [];
    if (p.anyOrigin) set.push('        config.addAllowedOrigin("*");');
    else {
      if (p.exact.length) set.push(`        config.setAllowedOrigins(List.of(${qList(p.exact)}));`);
      if (p.patterns.length) set.push(`        config.setAllowedOriginPatterns(List.of(${qList(p.patterns.map(springPattern))}));`);
    }
    if (p.credentials) set.push('        config.setAllowCredentials(true);');
    set.push(`        config.setAllowedMethods(List.of(${qList(p.methods)}));`);
    set.push(`        config.setAllowedHeaders(List.of(${qList(p.requestHeaders)}));`);
    if (p.exposeHeaders.length) set.push(`        config.setExposedHeaders(List.of(${qList(p.exposeHeaders)}));`);
    if (p.maxAge !== undefined) set.push(`        config.setMaxAge(${p.maxAge}L);`);
    const content = `package com.example.config;

import java.util.List;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

@Configuration
public class CorsConfig {

    @Bean
    public FilterRegistrationBean<CorsFilter> corsFilter() {
        // A bare CorsConfiguration: no permissive defaults (addMapping() would allow every
        // request header and send Max-Age 1800).
        CorsConfiguration config = new CorsConfiguration();
${set.join('\n')}

        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", config);
        FilterRegistrationBean<CorsFilter> bean = new FilterRegistrationBean<>(new CorsFilter(source));
        // First servlet filter: before Spring Security, so preflights never get a 401/403.
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return bean;
    }
}
`;
    return {
      files: [{ path: 'src/main/java/com/example/config/CorsConfig.java', language: 'java', content }],
      assumptions: ['Spring Boot 2.5+ or 3.x (Spring Framework 5.3.7+, whose origin patterns take `:[*]` ports; Spring MVC, servlet stack); adjust the package name', 'with Spring Security, do not also enable a second CORS config in the filter chain'],
      placement: 'a @Configuration class anywhere under your application package.',
      pitfalls: [
        'the filter runs before Spring Security, which otherwise rejects preflights (no credentials) with 401',
        'origin patterns use Spring\'s `allowedOriginPatterns` (`*.` subdomains, `:[*]` ports), never `allowedOrigins("*")` with credentials',
        'a bare CorsConfiguration avoids `addMapping()` defaults (all headers allowed, Max-Age 1800)',
      ],
      warnings: [],
    };
  },
};

export const aspnet: StackGenerator = {
  id: 'aspnet',
  title: 'ASP.NET Core (CORS middleware)',
  group: 'dotnet',
  render(p) {
    const b: string[] = [];
    let decl = '';
    if (p.anyOrigin) b.push('        .AllowAnyOrigin()');
    else if (p.patterns.length === 0) b.push(`        .WithOrigins(${qList(p.exact)})`);
    else {
      decl = `// Exact origins, and one anchored pattern for the wildcard entries.
var allowedOrigins = new HashSet<string>(StringComparer.Ordinal) { ${qList(p.exact)} };
var allowedOriginPattern = new Regex(@"${allowlistRegex(p.patterns)}", RegexOptions.CultureInvariant);

`;
      b.push('        .SetIsOriginAllowed(origin => allowedOrigins.Contains(origin) || allowedOriginPattern.IsMatch(origin))');
    }
    if (p.credentials) b.push('        .AllowCredentials()');
    b.push(`        .WithMethods(${qList(p.methods)})`);
    b.push(`        .WithHeaders(${qList(p.requestHeaders)})`);
    if (p.exposeHeaders.length) b.push(`        .WithExposedHeaders(${qList(p.exposeHeaders)})`);
    if (p.maxAge !== undefined) b.push(`        .SetPreflightMaxAge(TimeSpan.FromSeconds(${p.maxAge}))`);
    const content = `${decl ? 'using System.Text.RegularExpressions;\n\n' : ''}var builder = WebApplication.CreateBuilder(args);

${decl}builder.Services.AddCors(options =>
{
    options.AddPolicy("corsight", policy => policy
${b.join('\n')});
});

var app = builder.Build();

app.UseRouting();
// After UseRouting, before UseAuthentication/UseAuthorization: preflights are answered before
// auth can reject them, and the headers are added to endpoint responses.
app.UseCors("corsight");
app.UseAuthentication();
app.UseAuthorization();

// ... app.MapControllers(); app.MapGet(...);
app.Run();
`;
    return {
      files: [{ path: 'Program.cs', language: 'csharp', content }],
      assumptions: ['ASP.NET Core 6+ minimal hosting (Program.cs); with Startup.cs put the same calls in ConfigureServices/Configure'],
      placement: 'Program.cs: AddCors with the services, UseCors between UseRouting and UseAuthentication.',
      pitfalls: [
        'UseCors sits before UseAuthentication/UseAuthorization, so preflights are never answered 401',
        p.patterns.length ? 'patterns go through SetIsOriginAllowed with one anchored Regex (WithOrigins matches exact strings only)' : 'WithOrigins lists exact origins; AllowAnyOrigin is never combined with AllowCredentials',
        'explicit WithHeaders instead of AllowAnyHeader',
      ],
      warnings: [],
    };
  },
};
