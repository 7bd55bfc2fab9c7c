import type { ComponentBarsViewModel } from './component-bars-view-model.js';

/** The bars' data as a table, newest day first, so it reads without hovering. */
export function DayTable({ name, bars }: { readonly name: string; readonly bars: ComponentBarsViewModel }) {
  const days = [...bars.days].reverse();
  return (
    <table class="day-table">
      <caption>{name}: uptime by day, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Uptime</th>
          <th scope="col">Downtime</th>
          <th scope="col">Incidents</th>
        </tr>
      </thead>
      <tbody>
        {days.map((day) => (
          <tr>
            <th scope="row">
              <time dateTime={day.date}>{day.dateText}</time>
            </th>
            <td>{day.uptimeText}</td>
            <td>{day.downtimeText === '' ? '—' : day.downtimeText}</td>
            <td>
              {day.incidents.length === 0 ? (
                '—'
              ) : (
                <ul>
                  {day.incidents.map((incident) => (
                    <li>
                      <a href={incident.href}>{incident.name}</a>
                    </li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
